package org.cellpath.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cellpath.infra.FreePorts;
import org.cellpath.testsupport.TestInfrastructure;

/** The three services as the whole-system tests run them: a fresh database each, free ports, the SMS catcher. */
public final class TestServiceSpecs {

  private TestServiceSpecs() {
  }

  /**
   * @return the specs of referral-, scheduling- and notification-service, in that order
   */
  public static List<ServiceSpec> of(Path repoRoot, ServiceConnections connections, SmsCatcher sms) {
    List<ServiceSpec> specs = new ArrayList<>();
    for (CellPathService service : CellPathService.values()) {
      TestInfrastructure.Database db = TestInfrastructure.newDatabase(service.databaseName());
      ServiceSpec spec = service.spec(repoRoot, FreePorts.pick(), connections,
          new ServiceDatabase(db.jdbcUrl(), db.username(), db.password()));
      specs.add(service == CellPathService.NOTIFICATION
          ? spec.withEnv("SMS_PROVIDER_URL", sms.providerUrl().toString()) : spec);
    }
    return specs;
  }
}
