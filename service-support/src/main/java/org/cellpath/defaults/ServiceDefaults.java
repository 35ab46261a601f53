package org.cellpath.defaults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings every service has in common, with their environment variables and defaults, written
 * once in {@code service-defaults.yml} beside this class rather than in each service's {@code
 * application.yml}. They are added after the configuration files, so a service's own {@code
 * application.yml}, its profiles, system properties and the environment all override them; only
 * Spring's default properties rank lower.
 */
public class ServiceDefaults implements EnvironmentPostProcessor, Ordered {

  static final String PROPERTY_SOURCE = "cellpathServiceDefaults";
  static final ClassPathResource FILE =
      new ClassPathResource("org/cellpath/defaults/service-defaults.yml");
  private static final String SPRING_DEFAULTS = "defaultProperties";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    MutablePropertySources sources = environment.getPropertySources();
    for (PropertySource<?> defaults : load()) {
      if (sources.contains(SPRING_DEFAULTS)) {
        sources.addBefore(SPRING_DEFAULTS, defaults);
      } else {
        sources.addLast(defaults);
      }
    }
  }

  static List<PropertySource<?>> load() {
    try {
      return new YamlPropertySourceLoader().load(PROPERTY_SOURCE, FILE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + FILE.getPath(), e);
    }
  }

  /**
   * After the configuration files, which must be in place for {@code addLast} to rank these below
   * them.
   */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
