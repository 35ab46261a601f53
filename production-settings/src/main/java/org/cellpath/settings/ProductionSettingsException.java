package org.cellpath.settings;

import java.util.List;

/**
 * A start refused outside the {@code local} profile: every setting that is missing, a published
 * demo value or the local token issuer, so that an operator fixes them all in one go. The message
 * names settings, never their values.
 */
public class ProductionSettingsException extends IllegalStateException {

  private final transient List<String> problems;

  public ProductionSettingsException(List<String> problems) {
    super(
        "Refusing to start outside the local profile: "
            + problems.size()
            + " setting"
            + (problems.size() == 1 ? " needs" : "s need")
            + " the deployment's own value:"
            + System.lineSeparator()
            + bulleted(problems));
    this.problems = List.copyOf(problems);
  }

  /** One sentence per setting, naming its environment variable and property. */
  public List<String> problems() {
    return problems;
  }

  static String bulleted(List<String> problems) {
    return String.join(
        System.lineSeparator(), problems.stream().map(problem -> "  - " + problem).toList());
  }
}
