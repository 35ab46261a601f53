package org.cellpath.notification.clinic;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The clinic as a deployment that sets nothing gets it: bound from application.yml and
 * service-defaults.yml.
 */
public final class ConfiguredClinic {

  private ConfiguredClinic() {}

  public static ClinicProperties byDefault() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    try {
      YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
      for (String file :
          new String[] {"application.yml", "org/cellpath/defaults/service-defaults.yml"}) {
        yaml.load(file, new ClassPathResource(file))
            .forEach(environment.getPropertySources()::addLast);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Binder.get(environment).bind("cellpath.clinic", ClinicProperties.class).get();
  }
}
