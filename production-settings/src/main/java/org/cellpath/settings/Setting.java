package org.cellpath.settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One setting a deployment must give a real value outside the {@code local} profile: the
 * environment variable an operator sets, the property it fills, whether it may be left out, and
 * what is refused. A problem names the setting and says why; it never repeats the value, which may
 * be a secret.
 *
 * @param variable the environment variable, such as {@code DB_PASSWORD}
 * @param property the property it sets, such as {@code spring.datasource.password}; the variable's
 *     own name where the application reads the variable directly
 * @param required whether an empty or missing value is a problem
 * @param refusals values refused even when given
 */
public record Setting(String variable, String property, boolean required, List<Refusal> refusals) {

  /**
   * Database passwords found in examples, images' documentation and CellPath's own local defaults;
   * compared ignoring case.
   */
  public static final Set<String> DATABASE_DEMO_PASSWORDS =
      Set.of("cellpath", "postgres", "password", "admin", "secret", "changeme", "root", "test");

  public Setting {
    Objects.requireNonNull(variable, "variable");
    Objects.requireNonNull(property, "property");
    refusals = List.copyOf(refusals);
  }

  /** A setting that must be given, with nothing refused yet. */
  public static Setting required(String variable, String property) {
    return new Setting(variable, property, true, List.of());
  }

  /** A setting that may be left out, but whose refused values are refused when given. */
  public static Setting optional(String variable, String property) {
    return new Setting(variable, property, false, List.of());
  }

  /**
   * A secret: required, and none of the values published with CellPath (its local defaults,
   * docker-compose's).
   */
  public static Setting secret(String variable, String property, Collection<String> demoValues) {
    return required(variable, property).refusingDemoValues(demoValues);
  }

  /** A database password: required, and none of {@link #DATABASE_DEMO_PASSWORDS}. */
  public static Setting databasePassword(String variable, String property) {
    return required(variable, property).refusingDemoValuesIgnoringCase(DATABASE_DEMO_PASSWORDS);
  }

  /** The issuer tokens must name: required, and never the local development token issuer's. */
  public static Setting tokenIssuer(String variable, String property) {
    return required(variable, property)
        .refusing(
            LocalTokenIssuer::isIssuer,
            "names the local development token issuer, which signs any role without a login");
  }

  /**
   * Where token signing keys come from: required, and never the local development token issuer's
   * keys.
   */
  public static Setting tokenKeySet(String variable, String property) {
    return required(variable, property)
        .refusing(
            LocalTokenIssuer::isKeySet,
            "points at the local development token issuer's keys, which sign any role without a login");
  }

  /** This setting, also refusing these exact values (surrounding blanks aside). */
  public Setting refusingDemoValues(Collection<String> values) {
    Set<String> refused = Set.copyOf(values);
    return refusing(
        value -> refused.contains(value.strip()), "is a demo value published with CellPath");
  }

  /** This setting, also refusing these values in any case. */
  public Setting refusingDemoValuesIgnoringCase(Collection<String> values) {
    Set<String> refused =
        values.stream().map(value -> value.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    return refusing(
        value -> refused.contains(value.strip().toLowerCase(Locale.ROOT)),
        "is a demo value published with CellPath");
  }

  /** This setting, also refusing any value {@code refused} accepts, for the given reason. */
  public Setting refusing(Predicate<String> refused, String reason) {
    List<Refusal> more = new ArrayList<>(refusals);
    more.add(new Refusal(refused, reason));
    return new Setting(variable, property, required, more);
  }

  /**
   * How problems name the setting: {@code DB_PASSWORD (spring.datasource.password)}, or the
   * variable alone.
   */
  public String name() {
    return variable.equals(property) ? variable : variable + " (" + property + ")";
  }

  /** What is wrong with {@code value} ({@code null} when not set), if anything. */
  public Optional<String> problem(String value) {
    if (value == null || value.isBlank()) {
      return required ? Optional.of(name() + " is not set") : Optional.empty();
    }
    return refusals.stream()
        .filter(refusal -> refusal.refused().test(value))
        .findFirst()
        .map(refusal -> name() + " " + refusal.reason());
  }

  /**
   * Values a setting must not have.
   *
   * @param refused true for a refused value (never blank)
   * @param reason why, completing a sentence that starts with the setting's name
   */
  public record Refusal(Predicate<String> refused, String reason) {

    public Refusal {
      Objects.requireNonNull(refused, "refused");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
