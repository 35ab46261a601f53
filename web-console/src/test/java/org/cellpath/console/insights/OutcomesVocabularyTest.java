package org.cellpath.console.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The outcomes pages name referral-service's age bands, grade bands and subscales by their codes:
 * each must have its words in both languages, read from the service's source (the console does not
 * link to the service), and the page's own lists must be the service's.
 */
class OutcomesVocabularyTest {

  private static final Path REFERRAL_SERVICE =
      Path.of("../referral-service/src/main/java/org/cellpath/referral");
  private static final Path RESOURCES = Path.of("src/main/resources");

  @Test
  void everyBandAndSubscaleTheServiceCanNameHasItsWordsInBothLanguages() throws IOException {
    List<String> ageBands = constants(REFERRAL_SERVICE.resolve("insights/AgeBand.java"));
    List<String> gradeBands = constants(REFERRAL_SERVICE.resolve("insights/GradeBand.java"));
    List<String> subscales = constants(REFERRAL_SERVICE.resolve("outcomes/Subscale.java"));

    assertThat(ageBands).containsExactlyElementsOf(OutcomesController.AGE_BANDS);
    assertThat(subscales).containsExactlyInAnyOrderElementsOf(OutcomesController.SUBSCALES);
    for (String language : List.of("messages.properties", "messages_es.properties")) {
      Properties messages = load(language);
      assertThat(ageBands)
          .allSatisfy(band -> assertThat(messages).containsKey("insights.ageBand." + band));
      assertThat(gradeBands)
          .allSatisfy(band -> assertThat(messages).containsKey("insights.gradeBand." + band));
      assertThat(subscales)
          .allSatisfy(
              subscale -> assertThat(messages).containsKey("insights.subscale." + subscale));
    }
  }

  /**
   * An enum's constants: the lines that start, at the enum body's indentation, with a constant's
   * name (Subscale's constants carry arguments, so a split on commas would not do).
   */
  private static List<String> constants(Path source) throws IOException {
    assertThat(source).exists();
    Matcher constant =
        Pattern.compile("(?m)^  ([A-Z][A-Z0-9_]*)\\s*[(,;]").matcher(Files.readString(source));
    List<String> constants = new java.util.ArrayList<>();
    while (constant.find()) {
      constants.add(constant.group(1));
    }
    assertThat(constants).as("the constants of " + source).isNotEmpty();
    return constants;
  }

  private static Properties load(String name) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }
}
