package org.cellpath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.cellpath.notification.ReminderEvents.SCHEDULING;
import static org.cellpath.notification.ReminderEvents.local;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cellpath.contracts.OutcomeSurveyDue;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReferralStatusChanged;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.contracts.SmsConfirmationReceived;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.contracts.WaitlistOfferMade;
import org.cellpath.contracts.fixtures.Contacts;
import org.cellpath.links.LinkGrant;
import org.cellpath.links.LinkPurpose;
import org.cellpath.links.PatientLinkException;
import org.cellpath.links.PatientLinks;
import org.cellpath.messaging.EventJson;
import org.cellpath.notification.delivery.ClosedReason;
import org.cellpath.notification.delivery.MessageKind;
import org.cellpath.testsupport.MutableClock;
import org.cellpath.testsupport.TestTokens;
import org.cellpath.testsupport.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The patient at the other end of the SMS (ADR 33), on a clock the test moves, against an HTTP
 * server standing for the SMS provider: a patient with only a mobile gets the NSAID pause, the
 * check-in and the follow-ups by SMS with their link, and a safety message is not held back by the
 * caps; YES confirms the pair through the outbox, START undoes STOP, HELP is answered; any other
 * reply lands in the staff inbox and is answered from it; every patient message about a pair
 * carries a link that opens that pair; and no log line holds a token or a number.
 */
@Import(MutableClock.Config.class)
@TestPropertySource(
    properties = {
      "cellpath.notifications.sms.window-start=08:00",
      "cellpath.notifications.sms.window-end=21:00"
    })
@ExtendWith(OutputCaptureExtension.class)
class TwoWaySmsIT extends EmailFlowSupport {

  private static final SmsProviderStub provider = SmsProviderStub.start();
  private static final MutableClock clock = MutableClock.SHARED;

  /** A patient link as a message carries it: the console's address, /p/, the 94-char token. */
  private static final Pattern LINK =
      Pattern.compile("http://localhost:8084/p/([A-Za-z0-9_-]{94})");

  /** A questionnaire's link as a message carries it: the console's address, /q/, the token. */
  private static final Pattern SURVEY_LINK =
      Pattern.compile("http://localhost:8084/q/([A-Za-z0-9_-]{94})");

  private static final String REFERRAL_SERVICE = "/cellpath/referral-service";

  private final JsonMapper json = JsonMapper.builder().build();

  @Autowired private MeterRegistry meters;

  @DynamicPropertySource
  static void smsProvider(DynamicPropertyRegistry registry) {
    registry.add("cellpath.notifications.sms-provider.url", provider::url);
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @BeforeEach
  void morning() {
    clock.set(local("2026-12-01T09:00:00"));
  }

  @Test
  void aPatientWithOnlyAMobileGetsThePreparationAndAfterCareBySmsWithTheirLink(
      CapturedOutput output) throws Exception {
    String phone = newPhone();
    ReminderEvents pair = new ReminderEvents(smsOnly(phone, "en"));
    publish(pair.booked("2026-12-15", clock.instant()), SCHEDULING);
    assertThat(opensThePair(awaitSmsTo(phone, 1).get(0).text(), pair)).isTrue();

    clock.set(local("2026-12-08T10:00:00"));
    String nsaid = awaitSmsTo(phone, 2).get(1).text();
    assertThat(nsaid).contains("ibuprofen").endsWith("Reply STOP to opt out");
    assertThat(opensThePair(nsaid, pair)).isTrue();

    clock.set(local("2026-12-15T11:00:00"));
    publish(pair.injectionCompleted("2026-12-15", clock.instant()), SCHEDULING);
    clock.set(local("2026-12-16T10:00:00"));
    await()
        .atMost(WAIT)
        .until(() -> smsTo(phone).stream().anyMatch(sms -> sms.text().contains("fever")));
    clock.set(local("2026-12-29T10:00:00"));
    await()
        .atMost(WAIT)
        .until(() -> smsTo(phone).stream().anyMatch(sms -> sms.text().contains("2-week")));
    SmsProviderStub.Received weekTwo =
        smsTo(phone).stream().filter(sms -> sms.text().contains("2-week")).findFirst().get();
    assertThat(opensThePair(weekTwo.text(), pair)).isTrue();

    // The message reaches the provider or mail server a moment before its row says SENT.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        channelsOf(
                            pair.referralId(),
                            MessageKind.NSAID_PAUSE_REMINDER,
                            MessageKind.FOLLOW_UP_DAY_1))
                    .as("carried by SMS, not FAILED NO_ADDRESS by email")
                    .containsOnly("SMS/SENT"));
    JsonNode log = deliveryLog(pair.referralId()).get("notifications");
    assertThat(log)
        .filteredOn(entry -> entry.get("kind").asString().equals("NSAID_PAUSE_REMINDER"))
        .extracting(entry -> entry.get("channel").asString())
        .containsExactly("SMS");
    assertNothingLeaked(output, phone, tokensIn(smsTo(phone)));
  }

  @Test
  void aPatientWithAnEmailStillGetsTheNsaidPauseByEmailWithTheLink() throws Exception {
    String phone = newPhone();
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.smsPatient(address, phone));
    publish(pair.booked("2026-12-15", clock.instant()), SCHEDULING);
    MimeMessage confirmation = awaitOneEmailTo(address);
    assertThat(opensThePair(plainText(confirmation), pair)).isTrue();
    assertThat(awaitSmsTo(phone, 1).get(0).text())
        .as("a patient with email keeps one-part SMS; the email carries the link")
        .doesNotContain("/p/");

    clock.set(local("2026-12-08T10:00:00"));
    await().atMost(WAIT).until(() -> emailsTo(address).size() == 2);
    String nsaid = plainText(emailsTo(address).get(1));
    assertThat(nsaid).contains("NSAID");
    assertThat(opensThePair(nsaid, pair)).isTrue();
    // The message reaches the provider or mail server a moment before its row says SENT.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(channelsOf(pair.referralId(), MessageKind.NSAID_PAUSE_REMINDER))
                    .containsExactly("EMAIL/SENT"));
  }

  @Test
  void aSafetySmsGoesOverTheDailyCapAndDoesNotCountTowardTheCaps() throws Exception {
    String phone = newPhone();
    ReminderEvents pair = new ReminderEvents(smsOnly(phone, "en"));
    // Booked on the 5th at 09:00 for the 12th: the confirmation goes at once, the NSAID pause is
    // due the same day at 10:00 (7 days before), over the cap of one a day.
    clock.set(local("2026-12-05T09:00:00"));
    publish(pair.booked("2026-12-12", clock.instant()), SCHEDULING);
    awaitSmsTo(phone, 1);

    clock.set(local("2026-12-05T10:00:00"));
    awaitSmsTo(phone, 2);
    // The message reaches the provider or mail server a moment before its row says SENT.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(channelsOf(pair.referralId(), MessageKind.NSAID_PAUSE_REMINDER))
                    .containsExactly("SMS/SENT"));

    // The safety SMS does not count either: the 3-day reminder on the 9th and the 1-day one on the
    // 11th are the second and third ordinary SMS in seven days, within the weekly cap of three.
    clock.set(local("2026-12-09T10:00:00"));
    awaitSmsTo(phone, 3);
    clock.set(local("2026-12-11T10:00:00"));
    awaitSmsTo(phone, 4);
    // The message reaches the provider or mail server a moment before its row says SENT.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        channelsOf(
                            pair.referralId(),
                            MessageKind.APPOINTMENT_REMINDER_3_DAYS,
                            MessageKind.APPOINTMENT_REMINDER_1_DAY))
                    .containsOnly("SMS/SENT"));
    assertThat(closedReason(pair.referralId(), MessageKind.APPOINTMENT_REMINDER_1_DAY)).isNull();
  }

  @Test
  void yesConfirmsTheUpcomingPairThroughTheOutboxAndThanksThePatient() throws Exception {
    String phone = newPhone();
    ReminderEvents pair = new ReminderEvents(smsOnly(phone, "es"));
    publish(pair.booked("2026-12-15", clock.instant()), SCHEDULING);
    awaitSmsTo(phone, 1);

    try (TopicReader topic = notificationEvents()) {
      assertThat(reply(phone, " yes ").get("outcome").asString()).isEqualTo("CONFIRMED");
      ConsumerRecord<byte[], byte[]> record =
          topic.awaitEvent("SmsConfirmationReceived", pair.referralId().toString(), WAIT);
      SmsConfirmationReceived confirmed =
          new EventJson().read(record.value(), SmsConfirmationReceived.class);
      assertThat(confirmed.pairId()).isEqualTo(pair.pairId());
      assertThat(TopicReader.value(record)).doesNotContain(phone);
    }
    String thanks = awaitSmsTo(phone, 2).get(1).text();
    assertThat(thanks).contains("gracias").contains("confirmada").contains("15 de diciembre");

    String stranger = newPhone();
    try (TopicReader topic = notificationEvents()) {
      long confirmationsBefore = confirmations(topic);
      assertThat(reply(stranger, "C").get("outcome").asString()).isEqualTo("IGNORED");
      assertThat(openReplies(stranger)).as("in the inbox").isEqualTo(1);
      dispatcherHasLookedAtEverythingDue();
      assertThat(confirmations(topic)).as("nothing raised").isEqualTo(confirmationsBefore);
    }
    // The stranger's HELP is answered too: a message about no referral goes through the queue
    // (and does not stop it for everyone else).
    assertThat(reply(stranger, "HELP").get("outcome").asString()).isEqualTo("HELP_ANSWERED");
    assertThat(awaitSmsTo(stranger, 1).get(0).text()).contains("for help call");
    dispatcherHasLookedAtEverythingDue();
  }

  private static long confirmations(TopicReader topic) {
    return topic.records().stream()
        .filter(record -> "SmsConfirmationReceived".equals(TopicReader.header(record, "ce_type")))
        .count();
  }

  @Test
  void startAfterStopResumesSendingHelpIsAnsweredAndTheConsentHistoryIsKeptInOrder()
      throws Exception {
    String phone = newPhone();
    ReminderEvents pair = new ReminderEvents(smsOnly(phone, "en"));
    publish(
        new ReferralSubmitted(
            UUID.randomUUID(),
            pair.referralId(),
            clock.instant(),
            pair.patient(),
            Contacts.physician(newPhysicianAddress())),
        "/cellpath/referral-service");
    publish(pair.booked("2026-12-15", clock.instant()), SCHEDULING);
    awaitSmsTo(phone, 1);

    assertThat(reply(phone, "STOP").get("outcome").asString()).isEqualTo("OPTED_OUT");
    assertThat(reply(phone, "HELP").get("outcome").asString()).isEqualTo("HELP_ANSWERED");
    String help = awaitSmsTo(phone, 2).get(1).text();
    assertThat(help).contains("CellPath Foot & Ankle Clinic").contains("+1 555 010 0100");

    clock.set(local("2026-12-01T22:30:00"));
    assertThat(reply(phone, "Unstop").get("outcome").asString()).isEqualTo("OPTED_IN");
    assertThat(awaitSmsTo(phone, 3).get(2).text())
        .as("answered at once, even in the quiet hours")
        .contains("SMS from us again");

    // The SMS waiting at STOP were closed; what comes after START goes by SMS again.
    clock.set(local("2026-12-02T09:00:00"));
    publish(pair.rescheduled("2026-12-22", 1, clock.instant()), SCHEDULING);
    String moved = awaitSmsTo(phone, 4).get(3).text();
    assertThat(moved).as("the move, by SMS again").contains("moved to");

    JsonNode consent =
        staff()
            .get()
            .uri("/api/referrals/{id}/sms-consent", pair.referralId())
            .retrieve()
            .body(JsonNode.class);
    assertThat(consent.get("numbers")).hasSize(1);
    assertThat(consent.get("numbers").get(0).get("events"))
        .extracting(
            event ->
                event.get("kind").asString()
                    + "/"
                    + event.get("channel").asString()
                    + "/"
                    + event.get("wording").asString())
        .containsExactly(
            "OPT_IN/REFERRAL/The patient agrees to receive SMS",
            "OPT_OUT/SMS/STOP",
            "OPT_BACK_IN/SMS/Unstop");
    assertThat(consent.toString()).doesNotContain(phone);
  }

  @Test
  void aFreeTextReplyIsAnsweredFromTheInboxAndAnOptedOutPatientIsNotAnswered(CapturedOutput output)
      throws Exception {
    String phone = newPhone();
    ReminderEvents pair = new ReminderEvents(smsOnly(phone, "en"));
    publish(pair.booked("2026-12-15", clock.instant()), SCHEDULING);
    awaitSmsTo(phone, 1);

    assertThat(reply(phone, "Can I bring my daughter?").get("outcome").asString())
        .isEqualTo("IGNORED");
    JsonNode entry = inboxEntryFor(phone);
    assertThat(entry.get("text").asString()).isEqualTo("Can I bring my daughter?");
    assertThat(entry.get("referralId").asString()).isEqualTo(pair.referralId().toString());
    assertThat(entry.get("status").asString()).isEqualTo("OPEN");

    ResponseEntity<String> tooLong = answer(entry.get("id").asString(), "x".repeat(321));
    assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(tooLong.getBody()).get("errors").get(0).get("field").asString())
        .isEqualTo("text");

    ResponseEntity<String> answered =
        answer(entry.get("id").asString(), "Yes, one companion is welcome.");
    assertThat(answered.getStatusCode().value()).isEqualTo(202);
    assertThat(json.readTree(answered.getBody()).get("status").asString()).isEqualTo("HANDLED");
    assertThat(awaitSmsTo(phone, 2).get(1).text()).contains("Yes, one companion is welcome.");
    assertThat(inboxEntryOrNull(phone)).as("handled: no longer open").isNull();

    // Another question, then STOP: the answer is refused with a sentence, and nothing is sent.
    reply(phone, "And parking?");
    JsonNode second = inboxEntryFor(phone);
    reply(phone, "stop");
    ResponseEntity<String> refused = answer(second.get("id").asString(), "Parking is free.");
    assertThat(refused.getStatusCode().value()).isEqualTo(409);
    assertThat(json.readTree(refused.getBody()).get("detail").asString()).contains("opted out");
    assertThat(refused.getBody()).doesNotContain(phone);

    ResponseEntity<String> handled =
        staff()
            .post()
            .uri("/api/sms/replies/{id}/handled", second.get("id").asString())
            .retrieve()
            .toEntity(String.class);
    assertThat(handled.getStatusCode().value()).isEqualTo(200);
    dispatcherHasLookedAtEverythingDue();
    assertThat(smsTo(phone)).hasSize(2);
    assertThat(
            http()
                .get()
                .uri("/api/sms/replies")
                .header(
                    HttpHeaders.AUTHORIZATION,
                    TestTokens.bearer(TestTokens.physician(TestTokens.NPI)))
                .retrieve()
                .toEntity(String.class)
                .getStatusCode()
                .value())
        .isEqualTo(403);
    assertThat(output.getOut()).doesNotContain("Can I bring my daughter").doesNotContain(phone);
  }

  @Test
  void thePhysiciansBookedEmailNamesTheDateTimeAndPlace() throws Exception {
    String physician = newPhysicianAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.emailOnlyPatient(newAddress()));
    publish(pair.booked("2026-12-15", clock.instant()), SCHEDULING);
    await().atMost(WAIT).until(() -> rowsFor(pair.referralId()) > 0);

    publish(
        new ReferralStatusChanged(
            UUID.randomUUID(),
            pair.referralId(),
            clock.instant(),
            "SCHEDULED",
            "booked",
            Contacts.physician(physician)),
        "/cellpath/referral-service");

    String text = plainText(awaitOneEmailTo(physician));
    assertThat(text)
        .contains("Collection: Tuesday, December 15, 2026, 8:30")
        .contains("Injection: Tuesday, December 15, 2026, 10:00")
        .contains("Pacific")
        .contains("CellPath Pasadena, Procedure 1, 100 Colorado Blvd");
  }

  @Test
  void aWaitlistOfferGoesByEmailAndSmsWithTheOffersLinkInThePatientsLanguageAndNotAfterItsHold(
      CapturedOutput output) throws Exception {
    String phone = newPhone();
    String address = newAddress();
    PatientContact patient =
        Contacts.patient()
            .email(address)
            .smsWith(phone)
            .language("es")
            .timeZone(ReminderEvents.LOS_ANGELES.getId())
            .build();
    ReminderEvents pair = new ReminderEvents(patient);
    Instant holdUntil = clock.instant().plus(java.time.Duration.ofHours(4));
    publish(
        new WaitlistOfferMade(
            UUID.randomUUID(),
            pair.referralId(),
            clock.instant(),
            pair.pairId(),
            holdUntil,
            pair.booked("2026-12-15", clock.instant()).appointments(),
            patient),
        SCHEDULING);

    MimeMessage offer = awaitOneEmailTo(address);
    assertThat(offer.getSubject()).startsWith("Hay citas libres para usted");
    String text = plainText(offer);
    assertThat(text)
        .contains("1 de diciembre de 2026")
        .contains("lista de espera")
        .contains("Aceptar o rechazar:");
    assertThat(opensTheOffer(text, pair, holdUntil)).isTrue();
    String sms = awaitSmsTo(phone, 1).get(0).text();
    assertThat(sms)
        .contains(": cita libre el 15 de diciembre")
        .contains("Guardada hasta el 1/12 1:00 p. m.")
        .contains("Aceptar o rechazar: ")
        .endsWith("Reply STOP to opt out");
    assertThat(opensTheOffer(sms, pair, holdUntil)).isTrue();

    // A second offer whose hold is over before the dispatcher gets to it is never sent.
    String late = newAddress();
    ReminderEvents expired = new ReminderEvents(ReminderEvents.emailOnlyPatient(late));
    publish(
        new WaitlistOfferMade(
            UUID.randomUUID(),
            expired.referralId(),
            clock.instant().minusSeconds(7200),
            expired.pairId(),
            clock.instant().minusSeconds(60),
            expired.booked("2026-12-15", clock.instant()).appointments(),
            expired.patient()),
        SCHEDULING);
    dispatcherHasLookedAtEverythingDue();
    await()
        .atMost(WAIT)
        .until(
            () -> closedReason(expired.referralId(), MessageKind.WAITLIST_OFFER, "EMAIL") != null);
    assertThat(closedReason(expired.referralId(), MessageKind.WAITLIST_OFFER, "EMAIL"))
        .isEqualTo(ClosedReason.EXPIRED);
    assertThat(emailsTo(late)).isEmpty();
    assertNothingLeaked(output, phone, tokensIn(smsTo(phone)));
  }

  @Test
  void aQuestionnaireGoesOnceByEmailAndSmsInThePatientsLanguageWithALinkToThatQuestionnaireOnly(
      CapturedOutput output) throws Exception {
    String phone = newPhone();
    String address = newAddress();
    PatientContact patient =
        Contacts.patient()
            .email(address)
            .smsWith(phone)
            .language("es")
            .timeZone(ReminderEvents.LOS_ANGELES.getId())
            .build();
    OutcomeSurveyDue due =
        new OutcomeSurveyDue(
            UUID.randomUUID(),
            UUID.randomUUID(),
            clock.instant(),
            UUID.randomUUID(),
            SurveyTimePoint.WEEK_6,
            false,
            clock.instant().plus(java.time.Duration.ofDays(10)),
            patient);
    double duplicatesBefore = duplicatesSeen("OutcomeSurveyDue");

    publish(due, REFERRAL_SERVICE);
    publish(due, REFERRAL_SERVICE);

    MimeMessage email = awaitOneEmailTo(address);
    assertThat(email.getSubject())
        .isEqualTo("¿Cómo se encuentra? Un breve cuestionario de CellPath Foot & Ankle Clinic");
    String text = plainText(email);
    assertThat(text)
        .contains("Hola, Ana:")
        .contains("cómo se encuentra 6 semanas después de su inyección")
        .contains("unos 10 minutos")
        .contains("Sus respuestas se guardan a medida que avanza")
        .contains("El enlace funciona hasta el viernes, 11 de diciembre de 2026")
        .contains("Responder el cuestionario: http://localhost:8084/q/");
    assertThat(opensTheSurvey(text, due)).isTrue();
    String sms = awaitSmsTo(phone, 1).get(0).text();
    assertThat(sms)
        .startsWith("CellPath Foot & Ankle Clinic: ¿qué tal a las 6 semanas de su visita?")
        .contains("hasta el 11 de diciembre (10 min)")
        .contains("Cuestionario: http://localhost:8084/q/")
        .endsWith("Reply STOP to opt out");
    assertThat(opensTheSurvey(sms, due)).isTrue();

    // The same event again is a duplicate for the inbox: nothing more is queued or sent.
    await().atMost(WAIT).until(() -> duplicatesSeen("OutcomeSurveyDue") > duplicatesBefore);
    dispatcherHasLookedAtEverythingDue();
    assertThat(emailsTo(address)).hasSize(1);
    assertThat(smsTo(phone)).hasSize(1);
    assertThat(rowsFor(due.referralId())).isEqualTo(2);
    List<String> tokens =
        Stream.of(text, sms)
            .map(SURVEY_LINK::matcher)
            .filter(Matcher::find)
            .map(matcher -> matcher.group(1))
            .toList();
    assertThat(tokens).hasSize(2);
    assertNothingLeaked(output, phone, tokens);
    assertThat(deliveryLogText(due.referralId())).doesNotContain(tokens.get(0), tokens.get(1));
  }

  @Test
  void aQuestionnairesReminderReachesAPatientWithOnlyAMobileBySmsInTheReminderWording()
      throws Exception {
    String phone = newPhone();
    OutcomeSurveyDue reminder =
        new OutcomeSurveyDue(
            UUID.randomUUID(),
            UUID.randomUUID(),
            clock.instant(),
            UUID.randomUUID(),
            SurveyTimePoint.WEEK_12,
            true,
            clock.instant().plus(java.time.Duration.ofDays(11)),
            smsOnly(phone, "en"));

    publish(reminder, REFERRAL_SERVICE);

    String sms = awaitSmsTo(phone, 1).get(0).text();
    assertThat(sms)
        .startsWith(
            "CellPath Foot & Ankle Clinic reminder: how are you 12 weeks after your visit? Please"
                + " answer by Sat, Dec 12 (10 min).")
        .contains("Questionnaire: http://localhost:8084/q/")
        .endsWith("Reply STOP to opt out");
    assertThat(opensTheSurvey(sms, reminder)).isTrue();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(channelsOf(reminder.referralId(), MessageKind.OUTCOME_SURVEY_REMINDER))
                    .as("the SMS alone, no email FAILED for want of an address")
                    .containsExactly("SMS/SENT"));
  }

  @Test
  void aQuestionnaireThatClosedBeforeItsMessageCouldGoIsNeverSent() throws Exception {
    String phone = newPhone();
    String address = newAddress();
    OutcomeSurveyDue closed =
        new OutcomeSurveyDue(
            UUID.randomUUID(),
            UUID.randomUUID(),
            clock.instant().minus(java.time.Duration.ofDays(14)),
            UUID.randomUUID(),
            SurveyTimePoint.BASELINE,
            false,
            clock.instant().minusSeconds(60),
            ReminderEvents.smsPatient(address, phone));

    publish(closed, REFERRAL_SERVICE);
    dispatcherHasLookedAtEverythingDue();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(channelsOf(closed.referralId(), MessageKind.OUTCOME_SURVEY))
                    .containsExactlyInAnyOrder("EMAIL/CANCELLED", "SMS/CANCELLED"));
    assertThat(closedReason(closed.referralId(), MessageKind.OUTCOME_SURVEY, "EMAIL"))
        .isEqualTo(ClosedReason.EXPIRED);
    assertThat(closedReason(closed.referralId(), MessageKind.OUTCOME_SURVEY, "SMS"))
        .isEqualTo(ClosedReason.EXPIRED);
    assertThat(emailsTo(address)).isEmpty();
    assertThat(smsTo(phone)).isEmpty();
  }

  /**
   * Whether the text carries a /q/ link whose token opens the questionnaire (and, with the same
   * token, not the pair's pages), until the questionnaire closes.
   */
  private static boolean opensTheSurvey(String text, OutcomeSurveyDue due) {
    Matcher link = SURVEY_LINK.matcher(text);
    assertThat(link.find()).as("a questionnaire link in: %s", text).isTrue();
    PatientLinks links = PatientLinks.local(clock);
    LinkGrant grant = links.open(link.group(1), LinkPurpose.OUTCOME_SURVEY);
    assertThatThrownBy(() -> links.open(link.group(1), LinkPurpose.APPOINTMENTS))
        .isInstanceOf(PatientLinkException.class);
    return grant.subjectId().equals(due.surveyId())
        && grant.referralId().equals(due.referralId())
        && grant.expiresAt().equals(due.closesAt());
  }

  private double duplicatesSeen(String type) {
    Counter counter =
        meters
            .find("cellpath.inbox.events")
            .tags("consumer", "referral-events", "type", type, "outcome", "duplicate")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  /**
   * Whether the text carries a link whose token opens the offer of the pair, till after its hold.
   */
  private static boolean opensTheOffer(String text, ReminderEvents pair, Instant holdUntil) {
    Matcher link = LINK.matcher(text);
    assertThat(link.find()).as("an offer link in: %s", text).isTrue();
    LinkGrant grant = PatientLinks.local(clock).open(link.group(1), LinkPurpose.WAITLIST_OFFER);
    return grant.subjectId().equals(pair.pairId())
        && grant.referralId().equals(pair.referralId())
        && grant.expiresAt().isAfter(holdUntil);
  }

  private ClosedReason closedReason(UUID referralId, MessageKind kind, String channel) {
    return jdbc.sql(
            """
            select closed_reason from notification
            where referral_id = ? and kind = ? and channel = ? and closed_reason is not null
            """)
        .param(referralId)
        .param(kind.name())
        .param(channel)
        .query(String.class)
        .optional()
        .map(ClosedReason::valueOf)
        .orElse(null);
  }

  @Test
  void theLinkAndLeakChecksCatchAPlantedWrongLinkTokenOrNumber() {
    // A link to another pair is not taken for the patient's own.
    ReminderEvents pair = new ReminderEvents(smsOnly(newPhone(), "en"));
    String otherPair =
        PatientLinks.local(clock)
            .issue(
                new LinkGrant(
                    LinkPurpose.APPOINTMENTS,
                    UUID.randomUUID(),
                    pair.referralId(),
                    clock.instant().plusSeconds(3600)));
    assertThat(opensThePair("see http://localhost:8084/p/" + otherPair, pair)).isFalse();
    // Nor a link to another questionnaire, or one closing at another time, for the patient's.
    OutcomeSurveyDue due =
        new OutcomeSurveyDue(
            UUID.randomUUID(),
            pair.referralId(),
            clock.instant(),
            UUID.randomUUID(),
            SurveyTimePoint.WEEK_6,
            false,
            clock.instant().plusSeconds(86_400),
            pair.patient());
    PatientLinks links = PatientLinks.local(clock);
    String otherSurvey =
        links.issue(
            new LinkGrant(
                LinkPurpose.OUTCOME_SURVEY, UUID.randomUUID(), pair.referralId(), due.closesAt()));
    assertThat(opensTheSurvey("see http://localhost:8084/q/" + otherSurvey, due)).isFalse();
    String longer =
        links.issue(
            new LinkGrant(
                LinkPurpose.OUTCOME_SURVEY,
                due.surveyId(),
                pair.referralId(),
                due.closesAt().plusSeconds(3600)));
    assertThat(opensTheSurvey("see http://localhost:8084/q/" + longer, due)).isFalse();
    // A pair's link under /q/ is no questionnaire's link.
    assertThatThrownBy(() -> opensTheSurvey("see http://localhost:8084/q/" + otherPair, due))
        .isInstanceOf(PatientLinkException.class);

    String token = "A".repeat(94);
    assertThatThrownBy(
            () ->
                assertNothingLeaked(
                    () -> "Sent link http://x/p/" + token, "+13105550000", List.of(token)))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () -> assertNothingLeaked(() -> "SMS to +13105550000", "+13105550000", List.of(token)))
        .isInstanceOf(AssertionError.class);
  }

  // --- helpers

  /** No captured log line holds the number or any token. */
  private static void assertNothingLeaked(CharSequence output, String phone, List<String> tokens) {
    String logged = output.toString();
    assertThat(logged).as("the log names the number").doesNotContain(phone);
    for (String token : tokens) {
      assertThat(logged).as("the log holds a patient link's token").doesNotContain(token);
    }
  }

  private static void assertNothingLeaked(
      java.util.function.Supplier<String> output, String phone, List<String> tokens) {
    assertNothingLeaked(output.get(), phone, tokens);
  }

  /** Whether the text carries a link whose token opens the pair (and only that pair) now. */
  private static boolean opensThePair(String text, ReminderEvents pair) {
    Matcher link = LINK.matcher(text);
    assertThat(link.find()).as("a patient link in: %s", text).isTrue();
    LinkGrant grant = PatientLinks.local(clock).open(link.group(1), LinkPurpose.APPOINTMENTS);
    return grant.subjectId().equals(pair.pairId()) && grant.referralId().equals(pair.referralId());
  }

  private static List<String> tokensIn(List<SmsProviderStub.Received> messages) {
    return messages.stream()
        .map(sms -> LINK.matcher(sms.text()))
        .filter(Matcher::find)
        .map(matcher -> matcher.group(1))
        .toList();
  }

  private static PatientContact smsOnly(String phone, String language) {
    return Contacts.patient()
        .email(null)
        .smsWith(phone)
        .language(language)
        .timeZone(ReminderEvents.LOS_ANGELES.getId())
        .build();
  }

  private JsonNode reply(String phone, String text) {
    var answer =
        signedSmsReply("{\"from\":\"" + phone + "\",\"text\":\"" + text + "\"}", clock.instant());
    assertThat(answer.getStatusCode().value()).as("the webhook's answer").isEqualTo(200);
    return json.readTree(answer.getBody());
  }

  private org.springframework.web.client.RestClient staff() {
    return http()
        .mutate()
        .defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.scheduler()))
        .build();
  }

  private ResponseEntity<String> answer(String replyId, String text) {
    return staff()
        .post()
        .uri("/api/sms/replies/{id}/answer", replyId)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.writeValueAsString(java.util.Map.of("text", text)))
        .retrieve()
        .toEntity(String.class);
  }

  private JsonNode inboxEntryOrNull(String phone) {
    JsonNode page = staff().get().uri("/api/sms/replies?size=100").retrieve().body(JsonNode.class);
    for (JsonNode entry : page.get("replies")) {
      if (entry.get("phone").asString().equals(phone)) {
        return entry;
      }
    }
    return null;
  }

  private JsonNode inboxEntryFor(String phone) {
    JsonNode entry = inboxEntryOrNull(phone);
    assertThat(entry).as("an open reply from the number").isNotNull();
    return entry;
  }

  private long openReplies(String phone) {
    return jdbc.sql("select count(*) from sms_reply where phone = ? and status = 'OPEN'")
        .param(phone)
        .query(Long.class)
        .single();
  }

  private List<SmsProviderStub.Received> awaitSmsTo(String phone, int count) {
    await().atMost(WAIT).until(() -> smsTo(phone).size() >= count);
    List<SmsProviderStub.Received> to = smsTo(phone);
    assertThat(to).as("SMS to %s", phone).hasSize(count);
    return to;
  }

  private List<SmsProviderStub.Received> smsTo(String phone) {
    return provider.accepted().stream().filter(sms -> phone.equals(sms.to())).toList();
  }

  private List<String> channelsOf(UUID referralId, MessageKind... kinds) {
    return jdbc.sql(
            """
            select channel || '/' || status from notification
            where referral_id = :referralId and kind in (:kinds)
            """)
        .param("referralId", referralId)
        .param("kinds", Arrays.stream(kinds).map(Enum::name).toList())
        .query(String.class)
        .list();
  }

  private ClosedReason closedReason(UUID referralId, MessageKind kind) {
    return jdbc.sql(
            """
            select closed_reason from notification
            where referral_id = ? and kind = ? and channel = 'SMS' and closed_reason is not null
            """)
        .param(referralId)
        .param(kind.name())
        .query(String.class)
        .optional()
        .map(ClosedReason::valueOf)
        .orElse(null);
  }

  private void dispatcherHasLookedAtEverythingDue() throws Exception {
    String canary = newAddress();
    publish(ReminderEvents.canary(canary, clock.instant()), "/cellpath/referral-service");
    awaitOneEmailTo(canary);
  }

  private static String newPhone() {
    return "+1424" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }

  private static String plainText(MimeMessage email) throws Exception {
    return textOf(email, "text/plain");
  }
}
