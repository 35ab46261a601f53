package org.cellpath.scheduling.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellpath.scheduling.planning.PlannerFixtures.DR_BLAKE;
import static org.cellpath.scheduling.planning.PlannerFixtures.EARLIEST_DAY;
import static org.cellpath.scheduling.planning.PlannerFixtures.UPTOWN;
import static org.cellpath.scheduling.planning.PlannerFixtures.UPTOWN_ROOM;
import static org.cellpath.scheduling.planning.PlannerFixtures.approved;
import static org.cellpath.scheduling.planning.PlannerFixtures.approvedPreferring;
import static org.cellpath.scheduling.planning.PlannerFixtures.harvest;
import static org.cellpath.scheduling.planning.PlannerFixtures.injection;
import static org.cellpath.scheduling.planning.PlannerFixtures.onApprovalDay;
import static org.cellpath.scheduling.planning.PlannerFixtures.planner;
import static org.cellpath.scheduling.planning.PlannerFixtures.slot;

import java.time.DayOfWeek;
import java.util.Set;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.DayPart;
import org.junit.jupiter.api.Test;

/** The check of slots a scheduler names: each broken rule is named. */
class PairPlannerViolationsTest {

  @Test
  void slotsThatFitBreakNoRule() {
    assertThat(
            planner()
                .violations(
                    approved(CellSource.BONE_MARROW),
                    onApprovalDay(),
                    harvest(EARLIEST_DAY, "08:00", 45),
                    injection(EARLIEST_DAY, "09:15", 30)))
        .isEmpty();
    assertThat(
            planner()
                .violations(
                    approved(CellSource.AMNIOTIC),
                    onApprovalDay(),
                    null,
                    injection(EARLIEST_DAY, "09:15", 30)))
        .isEmpty();
  }

  @Test
  void slotsBeyondTheSearchHorizonMayBeChosenByAScheduler() {
    assertThat(
            planner()
                .violations(
                    approved(CellSource.BONE_MARROW),
                    onApprovalDay(),
                    harvest(EARLIEST_DAY.plusDays(90), "08:00", 45),
                    injection(EARLIEST_DAY.plusDays(90), "09:15", 30)))
        .isEmpty();
  }

  @Test
  void namesEveryRuleTheChosenSlotsBreak() {
    var broken =
        planner()
            .violations(
                approved(CellSource.ADIPOSE),
                onApprovalDay(),
                harvest(EARLIEST_DAY.minusDays(1), "08:00", 45),
                slot(
                    AppointmentKind.INJECTION,
                    DR_BLAKE,
                    UPTOWN,
                    UPTOWN_ROOM,
                    EARLIEST_DAY,
                    "08:30",
                    20));

    assertThat(broken)
        .anySatisfy(
            s -> assertThat(s).contains("harvest slot is shorter than the procedure (60 min)"))
        .anySatisfy(
            s -> assertThat(s).contains("injection slot is shorter than the procedure (30 min)"))
        .anySatisfy(
            s -> assertThat(s).contains("harvest is before the case's earliest day 2026-06-08"))
        .anySatisfy(s -> assertThat(s).contains("same clinician"))
        .anySatisfy(s -> assertThat(s).contains("same site"))
        .anySatisfy(s -> assertThat(s).contains("same day"))
        .anySatisfy(
            s -> assertThat(s).contains("between 45 and 240 minutes after the harvest ends"));
  }

  @Test
  void namesTheBrokenPreferences() {
    // 8 June 2026 is a Monday.
    var broken =
        planner()
            .violations(
                approvedPreferring(
                    CellSource.BONE_MARROW, Set.of(DayOfWeek.TUESDAY), Set.of(DayPart.AFTERNOON)),
                onApprovalDay(),
                harvest(EARLIEST_DAY, "08:00", 45),
                injection(EARLIEST_DAY, "09:15", 30));

    assertThat(broken)
        .contains(
            "the harvest is on a weekday the patient did not choose",
            "the harvest is in a part of the day the patient did not choose",
            "the injection is on a weekday the patient did not choose");
  }

  @Test
  void aDonatedProductNeedsNoHarvestAndAnAutologousOneDoes() {
    assertThat(
            planner()
                .violations(
                    approved(CellSource.UMBILICAL_CORD),
                    onApprovalDay(),
                    harvest(EARLIEST_DAY, "08:00", 45),
                    injection(EARLIEST_DAY, "09:15", 30)))
        .contains("a donated product is injected without a harvest");
    assertThat(
            planner()
                .violations(
                    approved(CellSource.BONE_MARROW),
                    onApprovalDay(),
                    null,
                    injection(EARLIEST_DAY, "09:15", 30)))
        .singleElement()
        .asString()
        .contains("needs a harvest slot");
  }
}
