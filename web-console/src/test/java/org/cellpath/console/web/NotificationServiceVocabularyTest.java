package org.cellpath.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The staff's delivery log shows why a message was closed unsent by notification-service's code (a
 * {@code closedReason}); every code the service can write has its words on both the English and the
 * Spanish page.
 */
class NotificationServiceVocabularyTest {

  private static final Path CLOSED_REASON =
      Path.of(
          "../notification-service/src/main/java/org/cellpath/notification/delivery/ClosedReason.java");

  private static final Path MESSAGE_KIND =
      Path.of(
          "../notification-service/src/main/java/org/cellpath/notification/delivery/MessageKind.java");

  @Test
  void everyReasonAMessageCanBeClosedForHasItsLabelInBothLanguages() throws IOException {
    List<String> reasons = SourceEnums.constants(CLOSED_REASON, "ClosedReason");

    assertThat(reasons).contains("RESCHEDULED", "SMS_OPTED_OUT", "EXPIRED");
    labelled("closedReason.", reasons);
  }

  /** The log names each message by its kind, in words; a new kind without them showed its code. */
  @Test
  void everyKindOfMessageHasItsLabelInBothLanguages() throws IOException {
    List<String> kinds = SourceEnums.constants(MESSAGE_KIND, "MessageKind");

    assertThat(kinds).contains("BOOKING_CONFIRMATION", "WAITLIST_OFFER", "OUTCOME_SURVEY");
    labelled("messageKind.", kinds);
  }

  private static void labelled(String prefix, List<String> codes) throws IOException {
    for (String bundle : List.of("messages.properties", "messages_es.properties")) {
      Properties labels = new Properties();
      try (Reader reader =
          Files.newBufferedReader(Path.of("src/main/resources", bundle), StandardCharsets.UTF_8)) {
        labels.load(reader);
      }
      assertThat(codes)
          .allSatisfy(
              code ->
                  assertThat(labels.stringPropertyNames())
                      .as(bundle + " " + prefix + code)
                      .contains(prefix + code));
    }
  }
}
