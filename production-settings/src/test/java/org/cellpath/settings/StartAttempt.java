package org.cellpath.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;

/**
 * Starts an application's real {@link SpringApplication} and ends the start, on purpose, where its
 * context would be created: the environment is prepared and the production-settings check has run,
 * and nothing has connected to a database or a broker or opened a port. The settings are given as
 * command-line properties, which win over the process environment and the tests' system properties,
 * so a test states every value it relies on.
 */
public final class StartAttempt {

  private StartAttempt() {}

  /**
   * Starts {@code application} with no profile active and these settings (an empty value is a
   * setting not set).
   */
  public static Outcome outsideLocalProfile(Class<?> application, Map<String, String> settings) {
    return withProfiles("", application, settings);
  }

  /** Starts {@code application} with these profiles active (comma-separated) and these settings. */
  public static Outcome withProfiles(
      String profiles, Class<?> application, Map<String, String> settings) {
    SpringApplication spring = new SpringApplication(application);
    spring.addInitializers(
        context -> {
          throw new PastTheCheck();
        });
    List<String> arguments = new ArrayList<>();
    arguments.add("--spring.profiles.active=" + profiles);
    settings.forEach((name, value) -> arguments.add("--" + name + "=" + value));
    try {
      spring.run(arguments.toArray(String[]::new)).close();
      throw new AssertionError(
          application.getSimpleName() + " started although it should have stopped");
    } catch (PastTheCheck passed) {
      return new Outcome(null);
    } catch (ProductionSettingsException refused) {
      return new Outcome(refused);
    }
  }

  /**
   * How the start ended.
   *
   * @param refusal the check's refusal, or {@code null} when the start got past the check
   */
  public record Outcome(ProductionSettingsException refusal) {

    /** Whether the check refused the start. */
    public boolean refused() {
      return refusal != null;
    }

    /** The refusal's sentences, one per setting; empty when the start got past the check. */
    public List<String> problems() {
      return refusal == null ? List.of() : refusal.problems();
    }
  }

  /** Thrown where the context would be created: the start got that far. */
  private static final class PastTheCheck extends RuntimeException {

    PastTheCheck() {
      super(
          "Stopped on purpose where the context would be created: the start got past the settings check",
          null,
          false,
          false);
    }
  }
}
