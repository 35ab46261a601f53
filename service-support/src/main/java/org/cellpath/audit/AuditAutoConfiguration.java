package org.cellpath.audit;

import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Stream;
import org.flywaydb.core.api.Location;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit trail in every service's own database (ADR 24): its table ({@code db/audit}, a
 * repeatable migration applied after the service's own), the trail that writes it, and what
 * controllers use to audit their callers. It replaces the shared logging default, so the 401 and
 * 403 answers of the shared handlers are written there too.
 */
@AutoConfiguration(
    after = JdbcClientAutoConfiguration.class,
    beforeName = "org.cellpath.security.JwtSecurityAutoConfiguration")
@ConditionalOnBean(JdbcClient.class)
public class AuditAutoConfiguration {

  /** The audit table's migration, shared by every service. */
  static final String MIGRATIONS = "classpath:db/audit";

  @Bean
  JdbcAuditTrail cellpathAuditTrail(JdbcClient jdbc) {
    return new JdbcAuditTrail(jdbc);
  }

  @Bean
  FlywayConfigurationCustomizer cellpathAuditMigrations() {
    return configuration ->
        configuration.locations(
            Stream.concat(
                    Arrays.stream(configuration.getLocations()),
                    Stream.of(new Location(MIGRATIONS)))
                .distinct()
                .toArray(Location[]::new));
  }

  /** What a controller audits its caller with, in a servlet application. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "jakarta.servlet.http.HttpServletRequest")
  static class Requests {

    @Bean
    RequestAudit cellpathRequestAudit(JdbcAuditTrail trail, ObjectProvider<Clock> clock) {
      return new RequestAudit(trail, clock.getIfAvailable(Clock::systemUTC));
    }
  }
}
