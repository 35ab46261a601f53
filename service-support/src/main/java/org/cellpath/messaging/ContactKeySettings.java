package org.cellpath.messaging;

import java.util.List;
import org.cellpath.settings.ProductionSettings;
import org.cellpath.settings.Setting;

/**
 * Outside the local profile, {@code EVENT_CONTACT_KEY} must be the deployment's own key: anyone can
 * read the keys published with CellPath and open every contact sealed with them (ADR 13, ADR 22).
 */
public class ContactKeySettings implements ProductionSettings {

  /** docker-compose's former demo key, published in the repository's history. */
  static final String COMPOSE_DEMO_KEY = "ZGVtby1vbmx5LW5vdC1mb3ItcHJvZHVjdGlvbi11c2U=";

  @Override
  public List<Setting> settings() {
    return List.of(
        Setting.secret(
            "EVENT_CONTACT_KEY",
            "EVENT_CONTACT_KEY",
            List.of(ContactSeal.LOCAL_KEY, COMPOSE_DEMO_KEY)));
  }
}
