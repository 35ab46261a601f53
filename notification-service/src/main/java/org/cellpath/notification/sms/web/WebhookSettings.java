package org.cellpath.notification.sms.web;

import java.util.List;
import org.cellpath.settings.ProductionSettings;
import org.cellpath.settings.Setting;

/**
 * What notification-service needs besides every service's settings, outside the local profile (ADR
 * 22): the SMS provider's webhook secret (with the published one, anyone could sign a STOP and opt
 * any patient out), and no published provider key.
 */
public class WebhookSettings implements ProductionSettings {

  /** application-local.yml's key for local-stack's SMS catcher. */
  static final String LOCAL_ONLY_PROVIDER_KEY = "local-only-key";

  @Override
  public List<Setting> settings() {
    return List.of(
        Setting.secret(
            "SMS_INBOUND_SECRET",
            "cellpath.notifications.sms.inbound-secret",
            List.of(WebhookSignature.LOCAL_ONLY_SECRET)),
        // Empty where a deployment has no SMS provider (docker compose); never the local catcher's
        // key.
        Setting.optional("SMS_PROVIDER_API_KEY", "cellpath.notifications.sms-provider.api-key")
            .refusingDemoValues(List.of(LOCAL_ONLY_PROVIDER_KEY)));
  }
}
