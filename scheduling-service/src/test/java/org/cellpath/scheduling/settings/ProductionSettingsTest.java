package org.cellpath.scheduling.settings;

import org.cellpath.scheduling.SchedulingApplication;
import org.cellpath.settings.ServiceStartRefusals;

/**
 * scheduling-service started for real outside the local profile: each secret missing or a published
 * demo value, and the local token issuer, stops the start naming the setting; real-looking settings
 * get past the check (the cases are every service's: {@link ServiceStartRefusals}). With the local
 * profile and no setting at all it starts: {@code LocalProfileStartIT}.
 */
class ProductionSettingsTest extends ServiceStartRefusals {

  @Override
  protected Class<?> application() {
    return SchedulingApplication.class;
  }
}
