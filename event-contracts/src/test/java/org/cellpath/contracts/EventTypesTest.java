package org.cellpath.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventTypesTest {

  @Test
  void theTypeIsTheRecordsNameInThePastTense() {
    assertThat(EventTypes.typeOf(ReferralSubmitted.class)).isEqualTo("ReferralSubmitted");
    assertThat(EventTypes.classOf("AppointmentPairBooked")).contains(AppointmentPairBooked.class);
  }

  @Test
  void anUnknownTypeIsEmptySoThatOlderReadersCanSkipIt() {
    assertThat(EventTypes.classOf("SomethingInvented")).isEmpty();
  }

  @Test
  void theRegistryHoldsEveryEventOfTheThreeServices() {
    assertThat(EventTypes.all())
        .hasSize(23)
        .containsKeys(
            "ReferralApproved",
            "CaseWaitlisted",
            "AppointmentPairConfirmed",
            "CaseReturnedToReferrer",
            "WaitlistOfferMade",
            "WaitlistOfferEnded",
            "NotificationSent",
            "SmsConfirmationReceived",
            "OutcomeSurveyDue",
            "OutcomeReportReady");
  }

  @Test
  void eachServiceFamilyTravelsOnItsOwnTopic() {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();

    assertThat(Topics.topicOf(new ReferralWithdrawn(id, id, now)))
        .isEqualTo(Topics.REFERRAL_EVENTS);
    assertThat(Topics.topicOf(new CaseWaitlisted(id, id, now, null, null)))
        .isEqualTo(Topics.SCHEDULING_EVENTS);
    assertThat(
            Topics.topicOf(
                new NotificationSent(id, id, now, id, "X", ContactChannel.EMAIL, "PATIENT")))
        .isEqualTo(Topics.NOTIFICATION_EVENTS);
  }

  @Test
  void anEventOutsideTheThreeFamiliesHasNoTopic() {
    CellPathEvent stray =
        new CellPathEvent() {
          public UUID eventId() {
            return UUID.randomUUID();
          }

          public UUID referralId() {
            return UUID.randomUUID();
          }

          public Instant occurredAt() {
            return Instant.now();
          }
        };

    assertThatThrownBy(() -> Topics.topicOf(stray)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyAutologousSourcesNeedAHarvest() {
    assertThat(CellSource.BONE_MARROW.isAutologous()).isTrue();
    assertThat(CellSource.ADIPOSE.isAutologous()).isTrue();
    assertThat(CellSource.AMNIOTIC.isAutologous()).isFalse();
    assertThat(CellSource.UMBILICAL_CORD.isAutologous()).isFalse();
  }
}
