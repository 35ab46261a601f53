package org.cellpath.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.OutcomeReportKind;
import org.cellpath.contracts.OutcomeReportReady;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.PhysicianContact;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReferralDeclined;
import org.cellpath.contracts.ReferralStatusChanged;
import org.cellpath.messaging.RejectedEventException;
import org.cellpath.notification.PatientEvents;
import org.cellpath.notification.PhysicianEvents;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.RenderedMessage;
import org.cellpath.notification.templates.MessageTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhysicianMessageComposerTest {

  private static final String CLINIC = "CellPath Foot & Ankle Clinic";

  private final PhysicianMessageComposer composer =
      new PhysicianMessageComposer(
          new MessageTemplates(),
          new ClinicProperties(CLINIC, "+1 555 010 0100", ZoneId.of("America/Los_Angeles")));
  private final PhysicianContact physician = PhysicianEvents.physician("lee.morgan@harbor.example");
  private final PatientContact patient = PatientEvents.spanishPatient("ana@example.org");

  @Test
  void tellsThePhysicianTheReferralWasApprovedAndWhichCellSourceWillBeUsed() {
    ReferralApproved approved =
        PhysicianEvents.approved(CellSource.BONE_MARROW, patient, physician);

    ComposedMessage message = composer.decisionApproved(approved);

    assertThat(message.content().subject())
        .isEqualTo("Referral " + approved.referralId() + " approved by " + CLINIC);
    assertThat(bodies(message.content()))
        .allSatisfy(
            body ->
                assertThat(body)
                    .contains("Dear Dr. Lee Morgan,")
                    .contains("has approved this referral.")
                    .contains(
                        "The cells will be the patient’s own bone marrow, harvested from the iliac crest")
                    .contains("We will write to you again when the procedure is booked."));
  }

  @ParameterizedTest
  @EnumSource(value = CellSource.class, names = "NO_PREFERENCE", mode = EnumSource.Mode.EXCLUDE)
  void namesEachCellSourceAClinicianCanApprove(CellSource source) {
    RenderedMessage message =
        composer.decisionApproved(PhysicianEvents.approved(source, patient, physician)).content();

    assertThat(message.textBody()).containsPattern("The cells will (be|come from) [^.]+\\.");
    assertThat(texts(message)).noneMatch(text -> text.contains("??"));
  }

  @ParameterizedTest
  @NullSource
  @EnumSource(value = CellSource.class, names = "NO_PREFERENCE")
  void leavesTheCellSourceOutWhenNoneWasChosen(CellSource source) {
    RenderedMessage message =
        composer.decisionApproved(PhysicianEvents.approved(source, patient, physician)).content();

    assertThat(bodies(message))
        .allSatisfy(
            body ->
                assertThat(body)
                    .contains("has approved this referral.")
                    .doesNotContain("The cells will")
                    .doesNotContain("??"));
  }

  @ParameterizedTest
  @CsvSource({
    "INTERIM, interim, 6 weeks after the injection",
    "FINAL, final, 24 weeks after the injection"
  })
  void tellsThePhysicianOnlyThatAnOutcomesReportIsReadyWithTheLinkToTheReferral(
      OutcomeReportKind kind, String which, String when) {
    OutcomeReportReady ready = reportReady(kind, physician);
    String link = "http://localhost:8084/physician/referrals/" + ready.referralId();

    RenderedMessage message = composer.reportReady(ready, link).content();

    assertThat(message.subject())
        .isEqualTo("Referral " + ready.referralId() + ": " + which + " outcomes report ready");
    assertThat(bodies(message))
        .allSatisfy(
            body ->
                assertThat(body)
                    .contains("Dear Dr. Lee Morgan")
                    .contains(
                        "The "
                            + which
                            + " outcomes report on this referral ("
                            + when
                            + ") is ready in CellPath.")
                    .contains("it is not sent by email")
                    .contains(link)
                    // nothing of the report itself: no score, subscale, instrument or change
                    .doesNotContainIgnoringCase("score")
                    .doesNotContain("FAOS", "NRS", "VISA", "pain", "/100", "%", "improve"));
  }

  @Test
  void refusesAReportReadyWithoutThePhysicianOrTheReport() {
    assertThatThrownBy(() -> composer.reportReady(reportReady(OutcomeReportKind.FINAL, null), "x"))
        .isInstanceOf(RejectedEventException.class);
    assertThatThrownBy(() -> composer.reportReady(reportReady(null, physician), "x"))
        .isInstanceOf(RejectedEventException.class);
  }

  private static OutcomeReportReady reportReady(
      OutcomeReportKind kind, PhysicianContact physician) {
    return new OutcomeReportReady(
        UUID.randomUUID(), UUID.randomUUID(), Instant.now(), kind, physician);
  }

  @Test
  void tellsThePhysicianOfADeclineAndWhereTheReasonIsWithoutCarryingIt() {
    ReferralDeclined declined = PhysicianEvents.declined(patient, physician);

    RenderedMessage message = composer.decisionDeclined(declined).content();

    assertThat(message.subject())
        .isEqualTo("Referral " + declined.referralId() + " declined by " + CLINIC);
    assertThat(bodies(message))
        .allSatisfy(
            body ->
                assertThat(body)
                    .contains("has declined this referral.")
                    .contains(
                        "The reviewing clinician’s reason is on the referral’s timeline in CellPath (referral "
                            + declined.referralId()
                            + "); it is not sent by email. Please call us at +1 555 010 0100")
                    .contains(
                        "you will discuss other options with them. We did not give the patient the reason."));
  }

  @Test
  void tellsThePhysicianMoreIsNeededWhereToReadWhatAndThatAmendingReopensTheReview() {
    var requested = PhysicianEvents.infoRequested(physician);

    RenderedMessage message = composer.informationRequested(requested).content();

    assertThat(message.subject())
        .isEqualTo("Referral " + requested.referralId() + ": more information needed");
    assertThat(bodies(message))
        .allSatisfy(
            body ->
                assertThat(body)
                    .contains("needs more information.")
                    .contains(
                        "What is needed is on the referral’s timeline in CellPath (referral "
                            + requested.referralId()
                            + "); it is not sent by email.")
                    .contains("Amending the referral reopens the review")
                    .doesNotContain("??"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      SCHEDULED   | procedure booked          | The procedure has been booked
      RESCHEDULED | procedure moved           | The procedure has been moved to new appointment times.
      WAITLISTED  | on the waiting list       | the case is on the waiting list
      CANCELLED   | procedure cancelled       | The procedure appointments have been cancelled.
      COMPLETED   | injection completed       | The injection has been completed
      NO_SHOW     | patient did not attend    | The patient did not attend the procedure appointment.
      """)
  void tellsEachSchedulingMilestoneInASentenceOfItsOwn(
      String status, String subject, String sentence) {
    ReferralStatusChanged changed = PhysicianEvents.statusChanged(status, physician);

    RenderedMessage message = composer.milestone(changed).content();

    assertThat(message.subject()).isEqualTo("Referral " + changed.referralId() + ": " + subject);
    assertThat(bodies(message))
        .allSatisfy(
            body ->
                assertThat(body)
                    .contains("Referral " + changed.referralId())
                    .contains(sentence)
                    .doesNotContain(changed.note()));
  }

  @Test
  void knowsASentenceForEveryMilestoneItNames() {
    assertThat(PhysicianMessageComposer.MILESTONES)
        .allSatisfy(
            status ->
                assertThat(
                        texts(
                            composer
                                .milestone(PhysicianEvents.statusChanged(status, physician))
                                .content()))
                    .noneMatch(text -> text.contains("??") || text.contains("status is now")));
  }

  @Test
  void tellsAStatusItHasNoSentenceForByItsName() {
    ReferralStatusChanged changed = PhysicianEvents.statusChanged("ON_HOLD", physician);

    RenderedMessage message = composer.milestone(changed).content();

    assertThat(message.subject()).isEqualTo("Referral " + changed.referralId() + ": status update");
    assertThat(message.textBody()).contains("The referral’s status is now ON_HOLD.");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "scheduled", "SCHEDULED for Ana Rivera"})
  void refusesAStatusChangeWithoutAStatusName(String status) {
    ReferralStatusChanged changed =
        new ReferralStatusChanged(
            UUID.randomUUID(), UUID.randomUUID(), Instant.now(), status, "note", physician);

    assertThatThrownBy(() -> composer.milestone(changed))
        .isInstanceOf(RejectedEventException.class)
        .hasMessageNotContaining("Ana");
  }

  @Test
  void namesThePatientNowhereButByTheReferralId() {
    for (ComposedMessage message : everyMessage(patient)) {
      assertThat(texts(message.content()))
          .allSatisfy(
              text ->
                  assertThat(text)
                      .doesNotContain("Ana")
                      .doesNotContain("Rivera")
                      .doesNotContain("ana@example.org")
                      .doesNotContain("+13105550123"));
    }
  }

  @Test
  void writesInEnglishWhateverThePatientsLanguage() {
    assertThat(everyMessage(patient))
        .allSatisfy(
            message -> {
              assertThat(message.language()).isEqualTo("en");
              assertThat(message.content().htmlBody()).contains("lang=\"en\"");
            });
  }

  @Test
  void everyTextIsInTheBundleAndNoPlaceholderIsLeft() {
    for (ComposedMessage message : everyMessage(patient)) {
      assertThat(texts(message.content()))
          .noneMatch(text -> text.contains("??") || text.contains("{0}") || text.contains("[("));
    }
  }

  @Test
  void refusesAnEventWithoutThePhysiciansContact() {
    assertThatThrownBy(() -> composer.decisionApproved(PhysicianEvents.approved(patient, null)))
        .isInstanceOf(RejectedEventException.class);
    assertThatThrownBy(() -> composer.decisionDeclined(PhysicianEvents.declined(patient, null)))
        .isInstanceOf(RejectedEventException.class);
    assertThatThrownBy(() -> composer.informationRequested(PhysicianEvents.infoRequested(null)))
        .isInstanceOf(RejectedEventException.class);
    assertThatThrownBy(() -> composer.milestone(PhysicianEvents.statusChanged("SCHEDULED", null)))
        .isInstanceOf(RejectedEventException.class);
  }

  @Test
  void greetsWithoutANameWhenThePhysicianHasNone() {
    PhysicianContact unnamed =
        new PhysicianContact(" ", "Harbor Podiatry", "office@harbor.example", null);

    RenderedMessage message =
        composer.milestone(PhysicianEvents.statusChanged("SCHEDULED", unnamed)).content();

    assertThat(message.textBody()).startsWith("Hello,\n");
  }

  private List<ComposedMessage> everyMessage(PatientContact patient) {
    return Stream.concat(
            Stream.of(
                composer.decisionApproved(PhysicianEvents.approved(patient, physician)),
                composer.decisionDeclined(PhysicianEvents.declined(patient, physician)),
                composer.informationRequested(PhysicianEvents.infoRequested(physician)),
                composer.reportReady(
                    reportReady(OutcomeReportKind.INTERIM, physician), "http://console/r"),
                composer.reportReady(
                    reportReady(OutcomeReportKind.FINAL, physician), "http://console/r")),
            Stream.concat(PhysicianMessageComposer.MILESTONES.stream(), Stream.of("ON_HOLD"))
                .map(
                    status -> composer.milestone(PhysicianEvents.statusChanged(status, physician))))
        .toList();
  }

  /** The plain text and the HTML alternative. */
  private static List<String> bodies(RenderedMessage message) {
    return List.of(message.textBody(), message.htmlBody());
  }

  /** Everything the physician reads: the subject and both bodies. */
  private static List<String> texts(RenderedMessage message) {
    return List.of(message.subject(), message.textBody(), message.htmlBody());
  }
}
