package org.cellpath.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.OutcomeSurveyDue;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.contracts.fixtures.Contacts;
import org.cellpath.links.LinkGrant;
import org.cellpath.links.LinkPurpose;
import org.cellpath.links.PatientLinkException;
import org.cellpath.links.PatientLinks;
import org.cellpath.messaging.RejectedEventException;
import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.notification.delivery.NewNotification;
import org.cellpath.notification.delivery.NotificationProperties;
import org.cellpath.notification.delivery.NotificationStore;
import org.cellpath.notification.delivery.PatientLinkWriter;
import org.cellpath.notification.sms.SmsOptOuts;
import org.cellpath.notification.sms.SmsRules;
import org.cellpath.notification.templates.MessageTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;

/**
 * A questionnaire's invitation and reminder ({@code docs/domain.md §9}): worded for the time point
 * in the patient's language, with what it takes and until when its link works; the SMS within the
 * SMS rules with the link; queued on the channels the patient has, expiring when the questionnaire
 * closes; and the link, minted at sending, opens that questionnaire under {@code /q/} and nothing
 * else.
 */
class OutcomeSurveyMessagesTest {

  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
  private static final Instant NOW = Instant.parse("2026-10-10T16:00:00Z");

  /** 10:00 on Tuesday 20 October 2026 in Los Angeles (links live 14 days at most from NOW). */
  private static final Instant CLOSES = Instant.parse("2026-10-20T17:00:00Z");

  private static final ClinicProperties CLINIC =
      new ClinicProperties("CellPath Foot & Ankle Clinic", "+1 555 010 0100", LOS_ANGELES);

  private final MessageComposer composer =
      new MessageComposer(
          new MessageTemplates(), CLINIC, new NotificationProperties(null, null, null));
  private final SmsRules rules = new SmsRules(CLINIC);

  static Stream<Arguments> everyTimePointInBothLanguagesFirstAndReminder() {
    return Stream.of(SurveyTimePoint.values())
        .flatMap(
            point ->
                Stream.of("en", "es")
                    .flatMap(
                        language ->
                            Stream.of(false, true)
                                .map(reminder -> Arguments.of(point, language, reminder))));
  }

  @ParameterizedTest(name = "{0} in {1}, reminder {2}")
  @MethodSource("everyTimePointInBothLanguagesFirstAndReminder")
  void theEmailSaysWhenWhatItTakesThatAnswersAreKeptAndUntilWhenTheLinkWorks(
      SurveyTimePoint point, String language, boolean reminder) {
    ComposedMessage message = composer.outcomeSurvey(due(patient(language), point, reminder));
    boolean es = language.equals("es");

    assertThat(message.language()).isEqualTo(language);
    assertThat(message.content().subject())
        .isEqualTo(
            reminder
                ? (es
                    ? "Recordatorio: su cuestionario de CellPath Foot & Ankle Clinic sigue abierto"
                    : "A reminder: your questionnaire from CellPath Foot & Ankle Clinic is still open")
                : (es
                    ? "¿Cómo se encuentra? Un breve cuestionario de CellPath Foot & Ankle Clinic"
                    : "How are you doing? A short questionnaire from CellPath Foot & Ankle Clinic"));
    String when =
        switch (point) {
          case BASELINE -> es ? "antes de su procedimiento" : "before your procedure";
          case WEEK_6 -> es ? "6 semanas después de su inyección" : "6 weeks after your injection";
          case WEEK_12 ->
              es ? "12 semanas después de su inyección" : "12 weeks after your injection";
          case WEEK_24 ->
              es ? "24 semanas después de su inyección" : "24 weeks after your injection";
        };
    for (String body : List.of(message.content().textBody(), message.content().htmlBody())) {
      assertThat(body)
          .contains(
              (es ? "cómo se encuentra " : "how you are doing ") + when + ".",
              es ? "unos 10 minutos" : "about 10 minutes",
              es
                  ? "Sus respuestas se guardan a medida que avanza"
                  : "Your answers are saved as you go",
              // 10:00 in the patient's zone, Los Angeles
              es
                  ? "El enlace funciona hasta el martes, 20 de octubre de 2026"
                  : "The link works until Tuesday, October 20, 2026",
              NewNotification.LinkTo.PLACEHOLDER)
          .doesNotContain("??", "[(", "${", "{0}")
          .doesNotContain("Confirm, change or cancel", "Confirme, cambie o cancele");
      assertThat(body.contains(es ? "Recordatorio:" : "A reminder:")).isEqualTo(reminder);
    }
    assertThat(message.content().calendar()).isNull();
  }

  @ParameterizedTest(name = "{0} in {1}, reminder {2}")
  @MethodSource("everyTimePointInBothLanguagesFirstAndReminder")
  void theSmsKeepsTheRulesAndCarriesTheQuestionnairesLink(
      SurveyTimePoint point, String language, boolean reminder) {
    boolean es = language.equals("es");
    String sms = composer.outcomeSurvey(due(patient(language), point, reminder)).sms();
    String linkPart =
        (es ? " Cuestionario: " : " Questionnaire: ") + NewNotification.LinkTo.PLACEHOLDER;

    assertThat(sms)
        .startsWith("CellPath Foot & Ankle Clinic")
        .contains(linkPart + " Reply STOP to opt out")
        .contains("+1 555 010 0100")
        .contains(es ? "20 de octubre" : "Tue, Oct 20")
        .doesNotContain("Ana", "Rivera");
    assertThat(sms.contains(es ? "recuerde" : "reminder")).isEqualTo(reminder);
    assertThat(sms)
        .contains(
            switch (point) {
              case BASELINE ->
                  es ? "¿qué tal antes de su visita?" : "how are you before your visit?";
              default ->
                  es
                      ? "¿qué tal a las " + point.name().substring(5) + " semanas de su visita?"
                      : "how are you " + point.name().substring(5) + " weeks after your visit?";
            });
    // The rules hold for the text without the link, which makes it a two-part SMS.
    String withoutLink = sms.replace(linkPart, "");
    assertThat(rules.brokenRules(withoutLink)).as(withoutLink).isEmpty();
    assertThat(SmsRules.isGsm7(sms)).as(sms).isTrue();
  }

  @Test
  void theSmsRulesCatchAQuestionnaireSmsThatNamesTheInjection() {
    // The emails may say "injection"; the SMS may not, and the rules see it if it did.
    String planted =
        composer
            .outcomeSurvey(due(patient("en"), SurveyTimePoint.WEEK_6, false))
            .sms()
            .replace("after your visit", "after your injection")
            .replace(" Questionnaire: " + NewNotification.LinkTo.PLACEHOLDER, "");
    assertThat(rules.brokenRules(planted)).contains(SmsRules.Rule.FORBIDDEN_WORD);
  }

  @Test
  void refusesAnEventWithoutItsPatientTimePointOrClosing() {
    OutcomeSurveyDue due = due(patient("en"), SurveyTimePoint.WEEK_6, false);
    assertThatThrownBy(() -> composer.outcomeSurvey(withPatient(due, null)))
        .isInstanceOf(RejectedEventException.class);
    assertThatThrownBy(
            () ->
                composer.outcomeSurvey(
                    new OutcomeSurveyDue(
                        due.eventId(),
                        due.referralId(),
                        due.occurredAt(),
                        due.surveyId(),
                        null,
                        false,
                        due.closesAt(),
                        due.patient())))
        .isInstanceOf(RejectedEventException.class);
    assertThatThrownBy(
            () ->
                composer.outcomeSurvey(
                    new OutcomeSurveyDue(
                        due.eventId(),
                        due.referralId(),
                        due.occurredAt(),
                        due.surveyId(),
                        due.timePoint(),
                        false,
                        null,
                        due.patient())))
        .isInstanceOf(RejectedEventException.class);
  }

  @Test
  void queuesTheEmailAndTheSmsForAPatientWithBothEachExpiringWhenTheQuestionnaireCloses() {
    OutcomeSurveyDue due = due(patient("en"), SurveyTimePoint.WEEK_12, false);

    List<NewNotification> queued = queue(due, false);

    assertThat(queued)
        .extracting(
            NewNotification::kind,
            NewNotification::channel,
            NewNotification::dueAt,
            NewNotification::expiresAt,
            NewNotification::link)
        .containsExactlyInAnyOrder(
            tuple(
                MessageKind.OUTCOME_SURVEY,
                ContactChannel.EMAIL,
                NOW,
                CLOSES,
                new NewNotification.LinkTo(due.surveyId(), CLOSES)),
            tuple(
                MessageKind.OUTCOME_SURVEY,
                ContactChannel.SMS,
                NOW,
                CLOSES,
                new NewNotification.LinkTo(due.surveyId(), CLOSES)));
    assertThat(queued)
        .allSatisfy(
            message ->
                assertThat(
                        Stream.of(
                                message.content().subject(),
                                message.content().textBody(),
                                message.content().htmlBody())
                            .filter(java.util.Objects::nonNull))
                    .noneMatch(text -> text.matches("(?s).*/[pq]/[A-Za-z0-9_-]{20,}.*")));
  }

  @Test
  void aReminderToAPatientWithOnlyAMobileGoesBySmsAlone() {
    PatientContact smsOnly =
        Contacts.patient()
            .email(null)
            .smsWith("+13105550188")
            .timeZone("America/Los_Angeles")
            .build();

    assertThat(queue(due(smsOnly, SurveyTimePoint.BASELINE, true), false))
        .extracting(NewNotification::kind, NewNotification::channel, NewNotification::expiresAt)
        .containsExactly(tuple(MessageKind.OUTCOME_SURVEY_REMINDER, ContactChannel.SMS, CLOSES));
  }

  @Test
  void aPatientWhoOptedOutGetsTheEmailOnlyAndOneWithNeitherChannelIsRecordedAgainstTheEmail() {
    assertThat(queue(due(patient("en"), SurveyTimePoint.WEEK_6, false), true))
        .extracting(NewNotification::channel)
        .containsExactly(ContactChannel.EMAIL);

    PatientContact unreachable =
        Contacts.patient()
            .email(null)
            .mobile("+13105550177")
            .timeZone("America/Los_Angeles")
            .build();
    assertThat(queue(due(unreachable, SurveyTimePoint.WEEK_6, false), false))
        .extracting(NewNotification::channel, NewNotification::address)
        .containsExactly(tuple(ContactChannel.EMAIL, null));
  }

  @Test
  void theLinkOpensTheQuestionnaireUnderQUntilItClosesAndNothingElse() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    PatientLinks links = PatientLinks.local(clock);
    PatientLinkWriter writer =
        new PatientLinkFiller().patientLinkWriter(links, "http://console.example/");
    UUID surveyId = UUID.randomUUID();
    UUID referralId = UUID.randomUUID();

    String link =
        writer.linkFor(
            referralId, new NewNotification.LinkTo(surveyId, CLOSES), MessageKind.OUTCOME_SURVEY);

    assertThat(link).startsWith("http://console.example/q/");
    String token = link.substring("http://console.example/q/".length());
    LinkGrant grant = links.open(token, LinkPurpose.OUTCOME_SURVEY);
    assertThat(grant.subjectId()).isEqualTo(surveyId);
    assertThat(grant.referralId()).isEqualTo(referralId);
    assertThat(grant.expiresAt()).isEqualTo(CLOSES);
    assertThatThrownBy(() -> links.open(token, LinkPurpose.APPOINTMENTS))
        .isInstanceOf(PatientLinkException.class);
    assertThat(
            writer.linkFor(
                referralId,
                new NewNotification.LinkTo(surveyId, CLOSES),
                MessageKind.OUTCOME_SURVEY_REMINDER))
        .startsWith("http://console.example/q/");
    // A questionnaire closing later than links may live gets a link of the longest life.
    String late =
        writer.linkFor(
            referralId,
            new NewNotification.LinkTo(surveyId, NOW.plus(Duration.ofDays(40))),
            MessageKind.OUTCOME_SURVEY);
    assertThat(
            links
                .open(late.substring(late.lastIndexOf('/') + 1), LinkPurpose.OUTCOME_SURVEY)
                .expiresAt())
        .isEqualTo(NOW.plus(PatientLinks.LONGEST));
  }

  @Test
  void everyOtherLinkStillOpensThePairsPagesUnderP() {
    assertThat(PatientLinkFiller.purposeOf(MessageKind.BOOKING_CONFIRMATION))
        .isEqualTo(LinkPurpose.APPOINTMENTS);
    assertThat(PatientLinkFiller.purposeOf(MessageKind.WAITLIST_OFFER))
        .isEqualTo(LinkPurpose.WAITLIST_OFFER);
    assertThat(PatientLinkFiller.pathOf(LinkPurpose.APPOINTMENTS)).isEqualTo("/p/");
    assertThat(PatientLinkFiller.pathOf(LinkPurpose.WAITLIST_OFFER)).isEqualTo("/p/");
    assertThat(PatientLinkFiller.pathOf(LinkPurpose.OUTCOME_SURVEY)).isEqualTo("/q/");
  }

  private List<NewNotification> queue(OutcomeSurveyDue due, boolean optedOut) {
    NotificationStore store = mock(NotificationStore.class);
    SmsOptOuts optOuts = mock(SmsOptOuts.class);
    when(optOuts.isOptedOut(org.mockito.ArgumentMatchers.anyString())).thenReturn(optedOut);
    new PatientMessages(
            composer,
            store,
            mock(AppointmentPairs.class),
            optOuts,
            new NotificationProperties(null, null, null),
            CLINIC,
            Clock.fixed(NOW, ZoneOffset.UTC))
        .outcomeSurveyDue(due);
    ArgumentCaptor<NewNotification> queued = ArgumentCaptor.forClass(NewNotification.class);
    verify(store, atLeastOnce()).enqueue(queued.capture(), org.mockito.ArgumentMatchers.any());
    return queued.getAllValues();
  }

  private static PatientContact patient(String language) {
    return Contacts.patient()
        .email("ana@example.org")
        .smsWith("+13105550123")
        .language(language)
        .timeZone("America/Los_Angeles")
        .build();
  }

  private static OutcomeSurveyDue due(
      PatientContact patient, SurveyTimePoint point, boolean reminder) {
    return new OutcomeSurveyDue(
        UUID.randomUUID(),
        UUID.randomUUID(),
        NOW,
        UUID.randomUUID(),
        point,
        reminder,
        CLOSES,
        patient);
  }

  private static OutcomeSurveyDue withPatient(OutcomeSurveyDue due, PatientContact patient) {
    return new OutcomeSurveyDue(
        due.eventId(),
        due.referralId(),
        due.occurredAt(),
        due.surveyId(),
        due.timePoint(),
        due.reminder(),
        due.closesAt(),
        patient);
  }
}
