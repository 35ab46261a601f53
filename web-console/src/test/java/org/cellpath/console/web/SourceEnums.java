package org.cellpath.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The constants of a service's enum, read from its source in this repository: the console may not
 * link to a service's internals, but its tests must notice when a service gains a code the console
 * has no words for.
 */
final class SourceEnums {

  private SourceEnums() {}

  static List<String> constants(Path source, String enumName) throws IOException {
    assertThat(source).as("the source of " + enumName + ", read from this repository").exists();
    String code =
        Files.readString(source).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    Matcher body = Pattern.compile("(?s)enum\\s+" + enumName + "\\s*\\{(.*?)(;|})").matcher(code);
    assertThat(body.find()).as("enum " + enumName + " { ... } in " + source).isTrue();
    List<String> constants = new ArrayList<>();
    for (String constant : body.group(1).split(",")) {
      Matcher name = Pattern.compile("^\\s*([A-Z][A-Z0-9_]*)").matcher(constant);
      if (name.find()) {
        constants.add(name.group(1));
      }
    }
    return constants;
  }
}
