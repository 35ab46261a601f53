package org.cellpath.security;

import java.util.List;
import org.cellpath.settings.ProductionSettings;
import org.cellpath.settings.Setting;

/**
 * What every service needs real values for outside the local profile (ADR 22): its database
 * password (and the migration role's, where one is given), and the identity provider whose tokens
 * it accepts, never the local development issuer, which signs any role without a login.
 */
public class ServiceSettings implements ProductionSettings {

  @Override
  public List<Setting> settings() {
    return List.of(
        Setting.databasePassword("DB_PASSWORD", "spring.datasource.password"),
        // Migrations may run as the database's owner under credentials of their own; optional here,
        // as a deployment
        // may migrate as the application's role. Read as given: spring.flyway.password falls back
        // to DB_PASSWORD,
        // whose demo value is reported once already.
        Setting.optional("DB_MIGRATION_PASSWORD", "DB_MIGRATION_PASSWORD")
            .refusingDemoValuesIgnoringCase(Setting.DATABASE_DEMO_PASSWORDS),
        Setting.tokenIssuer("JWT_ISSUER", "cellpath.security.jwt.issuer"),
        Setting.tokenKeySet("JWT_JWK_SET_URI", "cellpath.security.jwt.jwk-set-uri"));
  }
}
