package org.cellpath.settings;

import java.util.List;

/**
 * The settings a component needs real values for outside the {@code local} profile. Implementations
 * are listed in their jar's {@code META-INF/spring.factories} under this interface's name and need
 * a no-argument constructor: the check reads them before any bean exists.
 */
@FunctionalInterface
public interface ProductionSettings {

  /** The settings, each with what makes its value unacceptable outside the local profile. */
  List<Setting> settings();
}
