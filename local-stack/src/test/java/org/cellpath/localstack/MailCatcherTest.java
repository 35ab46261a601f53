package org.cellpath.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MailCatcherTest {

  private static final String SCRIPT = "<script>alert('x')</script>";

  private final HttpClient http = HttpClient.newHttpClient();
  private MailCatcher catcher;

  @BeforeEach
  void start() {
    catcher = MailCatcher.start(0, 0);
  }

  @AfterEach
  void stop() {
    catcher.close();
  }

  @Test
  void acceptsMailForAnyRecipientWithoutAuthentication() throws Exception {
    send("ana.rivera@example.org", "Your appointments are confirmed", "Harvest on 3 June at 09:00");

    List<CaughtMail> messages = awaitMessages(1);

    assertThat(messages)
        .singleElement()
        .satisfies(
            mail -> {
              assertThat(mail.number()).isEqualTo(1);
              assertThat(mail.to()).containsExactly("ana.rivera@example.org");
              assertThat(mail.subject()).isEqualTo("Your appointments are confirmed");
              assertThat(mail.text()).contains("Harvest on 3 June at 09:00");
            });
  }

  @Test
  void neverLogsARecipientsAddress() throws Exception {
    String canary = "canary." + System.nanoTime() + "@patients.example";
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    root.addAppender(logged);
    try {
      // Proves the capture: what local-stack's logging configuration lets through at INFO arrives
      // here.
      LoggerFactory.getLogger(MailCatcherTest.class).info("Sending to the canary");
      send(canary, "Your appointments are confirmed", "Harvest on 3 June at 09:00");
      assertThat(awaitMessages(1))
          .singleElement()
          .satisfies(mail -> assertThat(mail.to()).containsExactly(canary));
    } finally {
      root.detachAppender(logged);
    }

    assertThat(logged.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains("Sending to the canary");
    assertThat(logged.list)
        .allSatisfy(
            event -> {
              assertThat(event.getFormattedMessage()).doesNotContain(canary);
              assertThat(
                      event.getThrowableProxy() == null
                          ? ""
                          : event.getThrowableProxy().getMessage())
                  .doesNotContain(canary);
            });
  }

  @Test
  void listsRecipientsAsBareAddressesAndTheSenderAsDisplayed() throws Exception {
    MimeMessage mime = new MimeMessage(session());
    mime.setFrom(new InternetAddress("noreply@cellpath.example", "CellPath Clinic"));
    mime.setRecipients(
        Message.RecipientType.TO,
        new InternetAddress[] {new InternetAddress("ana@example.org", "Ana Rivera")});
    mime.setSubject("Named");
    mime.setText("text");
    Transport.send(mime);

    assertThat(awaitMessages(1))
        .singleElement()
        .satisfies(
            mail -> {
              assertThat(mail.to()).containsExactly("ana@example.org");
              assertThat(mail.from()).isEqualTo("CellPath Clinic <noreply@cellpath.example>");
            });
  }

  @Test
  void listsAMessageForSeveralRecipientsOnce() throws Exception {
    send("a@example.org, b@example.org", "Two recipients", "Same message");

    assertThat(awaitMessages(1))
        .singleElement()
        .satisfies(mail -> assertThat(mail.to()).containsExactly("a@example.org", "b@example.org"));
  }

  @Test
  void escapesEverythingAMessageBringsIntoThePages() throws Exception {
    send("patient@example.org", "Hello " + SCRIPT, "Body " + SCRIPT + " & more");
    awaitMessages(1);

    HttpResponse<String> index = get("/");
    HttpResponse<String> message = get("/messages/1");

    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body())
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("patient@example.org");
    assertThat(message.statusCode()).isEqualTo(200);
    assertThat(message.body())
        .doesNotContain("<script>")
        .contains("Body &lt;script&gt;")
        .contains("&amp; more");
    assertThat(message.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(policy -> assertThat(policy).contains("default-src 'none'"));
  }

  @Test
  void servesTheMessagesAsJsonForTests() throws Exception {
    send("patient@example.org", "Reminder \"tomorrow\"", "Line one\nLine two");
    awaitMessages(1);

    HttpResponse<String> response = get("/api/messages");

    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    JsonNode messages = JsonMapper.builder().build().readTree(response.body());
    assertThat(messages.size()).isEqualTo(1);
    assertThat(messages.get(0).get("subject").asString()).isEqualTo("Reminder \"tomorrow\"");
    assertThat(messages.get(0).get("to").get(0).asString()).isEqualTo("patient@example.org");
    assertThat(messages.get(0).get("text").asString()).contains("Line one\r\nLine two");
    assertThat(Instant.parse(messages.get(0).get("receivedAt").asString()))
        .isBeforeOrEqualTo(Instant.now());
  }

  @Test
  void prefersThePlainTextPartOfAMultipartMessage() throws Exception {
    MimeMessage mime = new MimeMessage(session());
    mime.setFrom("noreply@cellpath.example");
    mime.setRecipients(Message.RecipientType.TO, "patient@example.org");
    mime.setSubject("Both kinds");
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText("plain version", "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setContent("<p>html version</p>", "text/html; charset=UTF-8");
    mime.setContent(new MimeMultipart("alternative", html, plain));
    Transport.send(mime);

    assertThat(awaitMessages(1).get(0).text()).isEqualTo("plain version");
  }

  @Test
  void listsAndServesAMessagesCalendarFileAsADownload() throws Exception {
    String calendar =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Harvest\r\nSEQUENCE:1\r\n"
            + "END:VEVENT\r\nEND:VCALENDAR\r\n";
    MimeMessage mime = new MimeMessage(session());
    mime.setFrom("noreply@cellpath.example");
    mime.setRecipients(Message.RecipientType.TO, "patient@example.org");
    mime.setSubject("Your appointments");
    MimeBodyPart body = new MimeBodyPart();
    body.setText("See the calendar file.", "UTF-8");
    MimeBodyPart ics = new MimeBodyPart();
    ics.setContent(calendar, "text/calendar; charset=UTF-8; method=PUBLISH");
    ics.setFileName("appointments.ics");
    ics.setDisposition(MimeBodyPart.ATTACHMENT);
    mime.setContent(new MimeMultipart("mixed", body, ics));
    Transport.send(mime);

    CaughtMail mail = awaitMessages(1).get(0);
    assertThat(mail.text()).isEqualTo("See the calendar file.");
    assertThat(mail.attachments())
        .singleElement()
        .satisfies(
            attachment -> {
              assertThat(attachment.filename()).isEqualTo("appointments.ics");
              assertThat(attachment.contentType()).isEqualTo("text/calendar");
              assertThat(attachment.text()).isEqualTo(calendar);
            });

    assertThat(get("/messages/1").body())
        .contains("href=\"/messages/1/attachments/1\"")
        .contains("appointments.ics");
    assertThat(get("/").body()).contains("href=\"/messages/1/attachments/1\"");
    JsonNode listed = JsonMapper.builder().build().readTree(get("/api/messages").body());
    assertThat(listed.get(0).get("attachments").get(0).get("url").asString())
        .isEqualTo("/messages/1/attachments/1");

    HttpResponse<String> file = get("/messages/1/attachments/1");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type")).hasValue("text/calendar; charset=utf-8");
    assertThat(file.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"appointments.ics\"");
    assertThat(file.body()).isEqualTo(calendar);
    assertThat(get("/messages/1/attachments/2").statusCode()).isEqualTo(404);
    assertThat(get("/messages/2/attachments/1").statusCode()).isEqualTo(404);
  }

  @Test
  void answersNotFoundForAMessageThatDoesNotExist() throws Exception {
    assertThat(get("/messages/7").statusCode()).isEqualTo(404);
    assertThat(get("/messages/abc").statusCode()).isEqualTo(404);
    assertThat(get("/").body()).contains("No messages yet");
  }

  @Test
  void escapesHtmlSpecialCharacters() {
    assertThat(MailPages.escapeHtml("<a href=\"x\">Tom & Jerry's</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    assertThat(MailPages.jsonString("a\"b\\c\n</script>\u0001"))
        .isEqualTo("\"a\\\"b\\\\c\\n\\u003c/script\\u003e\\u0001\"");
  }

  private List<CaughtMail> awaitMessages(int count) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> catcher.messages().size() >= count);
    return catcher.messages();
  }

  private void send(String to, String subject, String text) throws MessagingException {
    MimeMessage mime = new MimeMessage(session());
    mime.setFrom(new InternetAddress("noreply@cellpath.example"));
    mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
    mime.setSubject(subject, "UTF-8");
    mime.setText(text, "UTF-8");
    Transport.send(mime);
  }

  private Session session() {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", "localhost");
    properties.put("mail.smtp.port", String.valueOf(catcher.smtpPort()));
    return Session.getInstance(properties);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + catcher.uiPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
