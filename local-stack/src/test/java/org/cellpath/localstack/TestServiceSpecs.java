package org.cellpath.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cellpath.infra.FreePorts;
import org.cellpath.testsupport.TestInfrastructure;

/**
 * The three services as the whole-system tests run them: a fresh database each, migrated by its
 * owner and used by a role that owns nothing (as local-stack and a deployment run them), free
 * ports, the SMS catcher.
 */
public final class TestServiceSpecs {

  private TestServiceSpecs() {}

  /**
   * @return the specs of referral-, scheduling- and notification-service, in that order
   */
  public static List<ServiceSpec> of(
      Path repoRoot, ServiceConnections connections, SmsCatcher sms) {
    List<ServiceSpec> specs = new ArrayList<>();
    for (CellPathService service : CellPathService.values()) {
      TestInfrastructure.DatabaseWithRoles db =
          TestInfrastructure.newDatabaseWithRoles(service.databaseName());
      ServiceSpec spec =
          service.spec(
              repoRoot,
              FreePorts.pick(),
              connections,
              new ServiceDatabase(
                  db.application().jdbcUrl(),
                  db.application().username(),
                  db.application().password(),
                  db.owner().username(),
                  db.owner().password()));
      specs.add(
          service == CellPathService.NOTIFICATION
              ? spec.withEnv("SMS_PROVIDER_URL", sms.providerUrl().toString())
              : spec);
    }
    return specs;
  }
}
