package org.cellpath.links;

import java.util.List;
import org.cellpath.settings.ProductionSettings;
import org.cellpath.settings.Setting;

/**
 * Outside the local profile, {@code PATIENT_LINK_KEY} must be the deployment's own key: with the
 * published one, anyone could make a link that cancels any patient's appointments. Registered by
 * the services that make or open links, not by every service.
 */
public class PatientLinkKeySettings implements ProductionSettings {

  @Override
  public List<Setting> settings() {
    return List.of(
        Setting.secret(PatientLinks.KEY, "PATIENT_LINK_KEY", List.of(PatientLinks.LOCAL_KEY)));
  }
}
