package org.cellpath.referral;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.DayPart;
import org.cellpath.contracts.Side;
import org.cellpath.referral.intake.CareResult;
import org.cellpath.referral.intake.Condition;
import org.cellpath.referral.intake.Coverage;
import org.cellpath.referral.intake.HealthFactor;
import org.cellpath.referral.intake.Modality;
import org.cellpath.referral.intake.ReferralDetails;
import org.cellpath.referral.intake.ReferralDetails.ConservativeCare;
import org.cellpath.referral.intake.Sex;

/** Fresh referrals for tests, as of {@link #TODAY}. */
public final class ReferralFixtures {

  public static final LocalDate TODAY = LocalDate.parse("2026-11-24");
  /** A valid NPI: the check digit is right for the 80840 prefix. */
  public static final String NPI = "1234567893";

  private ReferralFixtures() {}

  public static ReferralDetails.Patient patient(LocalDate dateOfBirth) {
    return new ReferralDetails.Patient("Ana", "Rivera", dateOfBirth, Sex.FEMALE, "+14155550123",
        "ana.rivera@example.org", "en", ContactChannel.EMAIL, true, "America/Los_Angeles");
  }

  public static ReferralDetails.Physician physician() {
    return new ReferralDetails.Physician("Dr. Sam Lee", NPI, "Bayview Orthopedics", "+14155550999",
        "lee@bayview.example");
  }

  /** An Achilles case that has tried two qualifying modalities for six months: likely eligible. */
  public static ReferralDetails likelyEligibleAchilles() {
    return achilles(List.of(
        new ConservativeCare(Modality.PHYSICAL_THERAPY, TODAY.minusMonths(6), TODAY.minusMonths(2),
            CareResult.NO_IMPROVEMENT),
        new ConservativeCare(Modality.ANTI_INFLAMMATORY_MEDICATION, TODAY.minusMonths(5), null,
            CareResult.TEMPORARY_IMPROVEMENT)),
        Set.of(), true);
  }

  public static ReferralDetails achilles(List<ConservativeCare> care, Set<HealthFactor> factors,
      boolean selfPayAcknowledged) {
    return new ReferralDetails(patient(LocalDate.parse("1971-03-14")), physician(), Condition.ACHILLES_TENDON_INJURY,
        Side.LEFT, "M76.62", TODAY.minusMonths(9), null, null, care, TODAY.minusMonths(2), factors, false, null,
        CellSource.BONE_MARROW, Coverage.NONE_EXPECTED, selfPayAcknowledged,
        new ReferralDetails.Preferences(Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), Set.of(DayPart.MORNING)));
  }
}
