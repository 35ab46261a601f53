package org.cellpath.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every label, button and message is in English and in Spanish. */
class MessagesTest {

  private static final Path RESOURCES = Path.of("src/main/resources");

  private static Properties load(String name) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }

  @Test
  void spanishHasEveryEnglishKeyAndOnlyTranslationsOfServiceTextBesides() throws IOException {
    Set<String> english = load("messages.properties").stringPropertyNames();
    Set<String> spanish = load("messages_es.properties").stringPropertyNames();

    assertThat(spanish).containsAll(english);
    Set<String> extra = new TreeSet<>(spanish);
    extra.removeAll(english);
    assertThat(extra).allMatch(key -> key.startsWith("api.") || key.startsWith("finding."));
  }

  @Test
  void everyMessageKeyThePagesNameExistsInBothLanguages() throws IOException {
    Set<String> english = load("messages.properties").stringPropertyNames();
    Set<String> spanish = load("messages_es.properties").stringPropertyNames();
    // #{key} and #{key(args)}, and the label keys handed to the field fragments
    // ('field.patient.email').
    Pattern literal = Pattern.compile("#\\{([a-zA-Z][\\w.]*[\\w])[}(]|'field\\.[\\w.]+'");
    Set<String> named = new TreeSet<>();
    try (Stream<Path> templates = Files.walk(RESOURCES.resolve("templates"))) {
      for (Path template : templates.filter(path -> path.toString().endsWith(".html")).toList()) {
        Matcher matcher = literal.matcher(Files.readString(template));
        while (matcher.find()) {
          named.add(matcher.group(1) != null ? matcher.group(1) : matcher.group().replace("'", ""));
        }
      }
    }
    assertThat(named).hasSizeGreaterThan(100);
    assertThat(named)
        .allSatisfy(
            key -> {
              assertThat(english).as("English " + key).contains(key);
              assertThat(spanish).as("Spanish " + key).contains(key);
            });
  }
}
