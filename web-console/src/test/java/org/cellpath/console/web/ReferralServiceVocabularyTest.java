package org.cellpath.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console translates what referral-service writes in English by its codes (ADR 15): each
 * pre-screen finding by its code, and the timeline notes the service writes itself. These tests
 * fail when the service gains a finding code the console cannot translate, or stops writing a note
 * the console translates.
 *
 * <p>The console cannot depend on referral-service (a Spring Boot application, not a library, and
 * the console must not link to a service's internals), so the tests read the service's source in
 * this repository: the codes are the constants of {@code FindingCode}, the one list the pre-screen
 * rules can make findings with.
 */
class ReferralServiceVocabularyTest {

  private static final Path REFERRAL_SERVICE =
      Path.of("../referral-service/src/main/java/org/cellpath/referral");
  private static final Path RESOURCES = Path.of("src/main/resources");

  @Test
  void everyFindingCodeThePreScreenCanGiveHasItsSpanishSentenceAndItsLabelInBothLanguages()
      throws IOException {
    List<String> codes = findingCodes();
    Set<String> english = load("messages.properties").stringPropertyNames();
    Set<String> spanish = load("messages_es.properties").stringPropertyNames();

    assertThat(codes)
        .as("the constants of FindingCode.java")
        .hasSizeGreaterThan(10)
        .contains("CONSERVATIVE_CARE_NOT_EXHAUSTED", "SELF_PAY_NOT_ACKNOWLEDGED");
    // The English page shows the service's own sentence; the Spanish page needs a translation of
    // it.
    assertThat(codes)
        .allSatisfy(
            code -> {
              assertThat(spanish).as("Spanish finding.%s", code).contains("finding." + code);
              assertThat(english)
                  .as("English findingLabel.%s", code)
                  .contains("findingLabel." + code);
              assertThat(spanish)
                  .as("Spanish findingLabel.%s", code)
                  .contains("findingLabel." + code);
            });
  }

  @Test
  void everyTimelineNoteTheConsoleTranslatesIsOneReferralServiceWrites() throws IOException {
    StringBuilder sources = new StringBuilder();
    try (Stream<Path> files = Files.walk(REFERRAL_SERVICE)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
        sources.append(Files.readString(file));
      }
    }
    Set<String> english = load("messages.properties").stringPropertyNames();
    Set<String> spanish = load("messages_es.properties").stringPropertyNames();

    assertThat(TimelineNotes.KNOWN)
        .allSatisfy(
            known -> {
              String pattern = known.sentence().pattern();
              // An exact sentence is quoted (\Q...\E); one with a code is written as a literal
              // followed by the code.
              String literal =
                  pattern.startsWith("\\Q")
                      ? pattern.substring(2, pattern.length() - 2)
                      : pattern.substring(0, pattern.indexOf('('));
              assertThat(sources)
                  .as("referral-service writes \"%s\"", literal)
                  .contains("\"" + literal + "\"");
              assertThat(english).contains(known.key());
              assertThat(spanish).contains(known.key());
            });
  }

  @Test
  void everyReferralStatusTheServiceHasIsAChoiceWithItsLabelInBothLanguages() throws IOException {
    List<String> statuses =
        SourceEnums.constants(
            REFERRAL_SERVICE.resolve("referral/ReferralStatus.java"), "ReferralStatus");
    Set<String> english = load("messages.properties").stringPropertyNames();
    Set<String> spanish = load("messages_es.properties").stringPropertyNames();

    assertThat(statuses).contains("SUBMITTED", "WITHDRAWN", "RETURNED");
    assertThat(Choices.INSTANCE.referralStatuses()).containsExactlyElementsOf(statuses);
    assertThat(statuses)
        .allSatisfy(
            status -> {
              assertThat(english).as("English status.%s", status).contains("status." + status);
              assertThat(spanish).as("Spanish status.%s", status).contains("status." + status);
            });
  }

  /** The constants of referral-service's {@code FindingCode} enum, read from its source. */
  private static List<String> findingCodes() throws IOException {
    return SourceEnums.constants(
        REFERRAL_SERVICE.resolve("review/FindingCode.java"), "FindingCode");
  }

  private static Properties load(String name) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }
}
