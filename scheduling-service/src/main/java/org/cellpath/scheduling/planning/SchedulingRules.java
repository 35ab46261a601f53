package org.cellpath.scheduling.planning;

import java.time.Duration;
import java.time.LocalTime;
import org.cellpath.contracts.CellSource;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The procedure planning rules of {@code docs/domain.md} §4, under {@code cellpath.scheduling}.
 * Every value defaults to the brief's number; the binder passes null for whatever the configuration
 * leaves out, and the compact constructor fills it in.
 *
 * @param daysAfterApproval the patient stops NSAIDs this many days before the procedure, so no
 *     procedure is booked sooner after the approval (or after the day of booking, when a waitlisted
 *     case is booked later)
 * @param daysAfterCorticosteroidInjection minimum days between the last corticosteroid injection
 *     and the procedure
 * @param horizonDays how many days, counting the earliest possible day, are searched before a case
 *     is waitlisted
 * @param productLeadTimeBusinessDays business days (Monday to Friday) a tissue bank needs to
 *     deliver a donated product
 * @param injectionDuration length of every injection appointment
 * @param afternoonStartsAt appointments starting at or after this local time are in the afternoon
 * @param boneMarrow harvest rules for bone marrow
 * @param adipose harvest rules for adipose tissue
 * @param waitlistSweepInterval how often the waitlist is retried even when no slot change woke it
 *     up
 * @param waitlistPageSize how many waitlisted cases the waitlist worker reads from the database at
 *     a time
 */
@ConfigurationProperties("cellpath.scheduling")
public record SchedulingRules(
    Integer daysAfterApproval,
    Integer daysAfterCorticosteroidInjection,
    Integer horizonDays,
    Integer productLeadTimeBusinessDays,
    Duration injectionDuration,
    LocalTime afternoonStartsAt,
    HarvestRules boneMarrow,
    HarvestRules adipose,
    Duration waitlistSweepInterval,
    Integer waitlistPageSize) {

  static final HarvestRules BONE_MARROW_DEFAULTS =
      new HarvestRules(Duration.ofMinutes(45), Duration.ofMinutes(30), Duration.ofHours(3));
  static final HarvestRules ADIPOSE_DEFAULTS =
      new HarvestRules(Duration.ofMinutes(60), Duration.ofMinutes(45), Duration.ofHours(4));

  public SchedulingRules {
    daysAfterApproval = atLeast("days-after-approval", orDefault(daysAfterApproval, 7), 0);
    daysAfterCorticosteroidInjection =
        atLeast(
            "days-after-corticosteroid-injection",
            orDefault(daysAfterCorticosteroidInjection, 28),
            0);
    horizonDays = atLeast("horizon-days", orDefault(horizonDays, 60), 1);
    productLeadTimeBusinessDays =
        atLeast("product-lead-time-business-days", orDefault(productLeadTimeBusinessDays, 3), 0);
    injectionDuration =
        positive("injection-duration", orDefault(injectionDuration, Duration.ofMinutes(30)));
    afternoonStartsAt = orDefault(afternoonStartsAt, LocalTime.NOON);
    boneMarrow = HarvestRules.withDefaults(boneMarrow, BONE_MARROW_DEFAULTS);
    adipose = HarvestRules.withDefaults(adipose, ADIPOSE_DEFAULTS);
    waitlistSweepInterval =
        positive(
            "waitlist-sweep-interval", orDefault(waitlistSweepInterval, Duration.ofMinutes(5)));
    waitlistPageSize = atLeast("waitlist-page-size", orDefault(waitlistPageSize, 500), 1);
  }

  /** The harvest rules of an autologous source; a donated product has no harvest. */
  public HarvestRules harvestOf(CellSource source) {
    return switch (source) {
      case BONE_MARROW -> boneMarrow;
      case ADIPOSE -> adipose;
      default -> throw new IllegalArgumentException(source + " has no harvest");
    };
  }

  /**
   * How long a harvest takes and when the injection may start after it ends (the cells are
   * processed meanwhile).
   *
   * @param harvestDuration length of the harvest appointment
   * @param injectionEarliestAfterHarvest the injection starts no sooner after the harvest ends
   * @param injectionLatestAfterHarvest the injection starts no later after the harvest ends
   */
  public record HarvestRules(
      Duration harvestDuration,
      Duration injectionEarliestAfterHarvest,
      Duration injectionLatestAfterHarvest) {

    static HarvestRules withDefaults(HarvestRules given, HarvestRules defaults) {
      if (given == null) {
        return defaults;
      }
      HarvestRules rules =
          new HarvestRules(
              orDefault(given.harvestDuration, defaults.harvestDuration),
              orDefault(
                  given.injectionEarliestAfterHarvest, defaults.injectionEarliestAfterHarvest),
              orDefault(given.injectionLatestAfterHarvest, defaults.injectionLatestAfterHarvest));
      positive("harvest-duration", rules.harvestDuration);
      if (rules.injectionEarliestAfterHarvest.isNegative()
          || rules.injectionLatestAfterHarvest.compareTo(rules.injectionEarliestAfterHarvest) < 0) {
        throw new IllegalArgumentException(
            "cellpath.scheduling: the injection window after a harvest must open at"
                + " zero or later and close no sooner than it opens");
      }
      return rules;
    }
  }

  private static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static int atLeast(String name, int value, int minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(
          "cellpath.scheduling." + name + " must be at least " + minimum);
    }
    return value;
  }

  private static Duration positive(String name, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("cellpath.scheduling." + name + " must be positive");
    }
    return value;
  }
}
