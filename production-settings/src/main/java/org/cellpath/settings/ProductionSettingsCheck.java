package org.cellpath.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Refuses to start an application outside the {@value #LOCAL_PROFILE} profile while any setting its
 * jars list (every {@link ProductionSettings} in {@code META-INF/spring.factories}) is missing, a
 * published demo value or the local development token issuer: one failure naming every such
 * setting, before a connection is opened or a bean made. Inside the local profile (local-stack, the
 * tests) the demo values work, with one warning line naming them.
 *
 * <p>Runs once the environment is prepared (configuration files, profiles and the environment
 * variables read) and logging is set up, so that the refusal is written in the configured log
 * format.
 */
public class ProductionSettingsCheck
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

  /** The profile of development machines and tests, where demo values are allowed. */
  public static final String LOCAL_PROFILE = "local";

  /**
   * Marks an environment already checked: a context an application starts inside itself (the Kafka
   * binder's) is given a copy of its parent's environment, and is neither checked nor warned about
   * again.
   */
  static final String CHECKED = "cellpathProductionSettingsChecked";

  private static final Log log = LogFactory.getLog(ProductionSettingsCheck.class);

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ConfigurableEnvironment environment = event.getEnvironment();
    if (environment.getPropertySources().contains(CHECKED)) {
      return;
    }
    environment.getPropertySources().addLast(new MapPropertySource(CHECKED, Map.of()));
    List<Setting> settings = settings(event.getSpringApplication().getClassLoader());
    List<String> problems = problems(environment, settings);
    if (problems.isEmpty()) {
      return;
    }
    if (environment.matchesProfiles(LOCAL_PROFILE)) {
      log.warn(
          "Local profile: "
              + names(environment, settings)
              + " have local-only or no values; outside the local profile this application refuses to start with them");
      return;
    }
    throw new ProductionSettingsException(problems);
  }

  /**
   * Every setting listed in {@code META-INF/spring.factories} on this class loader, each once, in
   * order.
   */
  static List<Setting> settings(ClassLoader classLoader) {
    Map<String, Setting> byName = new LinkedHashMap<>();
    for (ProductionSettings listed :
        SpringFactoriesLoader.forDefaultResourceLocation(classLoader)
            .load(ProductionSettings.class)) {
      listed.settings().forEach(setting -> byName.putIfAbsent(setting.name(), setting));
    }
    return List.copyOf(byName.values());
  }

  /** One sentence for each setting whose value here is unacceptable outside the local profile. */
  static List<String> problems(Environment environment, List<Setting> settings) {
    List<String> problems = new ArrayList<>();
    for (Setting setting : settings) {
      setting.problem(value(environment, setting)).ifPresent(problems::add);
    }
    return problems;
  }

  private static String names(Environment environment, List<Setting> settings) {
    return settings.stream()
        .filter(setting -> setting.problem(value(environment, setting)).isPresent())
        .map(Setting::variable)
        .collect(Collectors.joining(", "));
  }

  /**
   * The property's value, else the variable's (for an application that does not map it to a
   * property).
   */
  private static String value(Environment environment, Setting setting) {
    String value = read(environment, setting.property());
    return value == null ? read(environment, setting.variable()) : value;
  }

  private static String read(Environment environment, String key) {
    try {
      return environment.getProperty(key);
    } catch (IllegalArgumentException unresolvablePlaceholder) {
      return null;
    }
  }

  /** Right after logging is set up. */
  @Override
  public int getOrder() {
    return LoggingApplicationListener.DEFAULT_ORDER + 1;
  }
}
