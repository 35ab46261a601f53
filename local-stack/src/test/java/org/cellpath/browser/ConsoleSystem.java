package org.cellpath.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cellpath.infra.FreePorts;
import org.cellpath.localstack.CellPathService;
import org.cellpath.localstack.MailCatcher;
import org.cellpath.localstack.RepoRoot;
import org.cellpath.localstack.ServiceConnections;
import org.cellpath.localstack.ServiceLauncher;
import org.cellpath.localstack.ServiceProcess;
import org.cellpath.localstack.ServiceSpec;
import org.cellpath.localstack.SmsCatcher;
import org.cellpath.localstack.TestServiceSpecs;
import org.cellpath.testsupport.TestInfrastructure;
import org.cellpath.testsupport.TestTokens;

/**
 * The system a browser test drives: the three services as processes on the test broker and
 * PostgreSQL server of {@link TestInfrastructure} (a fresh database each and a fresh topic prefix),
 * a mail and an SMS catcher, and the web console as a fourth process. Everything listens on free
 * ports; the processes start at once and log to {@code local-stack/target/<logs>/}.
 */
final class ConsoleSystem implements AutoCloseable {

  /** The console's spec, given the port it gets and the services' base URLs. */
  interface Console {
    ServiceSpec spec(Path repoRoot, int port, URI referral, URI scheduling, URI notification);
  }

  private final MailCatcher mail;
  private final SmsCatcher sms;
  private final List<ServiceProcess> processes;

  private ConsoleSystem(MailCatcher mail, SmsCatcher sms, List<ServiceProcess> processes) {
    this.mail = mail;
    this.sms = sms;
    this.processes = processes;
  }

  /**
   * Starts the services and the console and waits until all four are ready; stops whatever started
   * if one fails.
   *
   * @param logs the folder under {@code local-stack/target} for the processes' logs
   * @param jwkSetUri the token issuer's keys, which the services check tokens against
   * @param jwtIssuer the {@code iss} the services require
   * @param readiness how long each process may take to be ready
   * @param console how the console signs people in
   */
  static ConsoleSystem start(
      String logs, String jwkSetUri, String jwtIssuer, Duration readiness, Console console) {
    MailCatcher mail = MailCatcher.start(FreePorts.pick(), FreePorts.pick());
    SmsCatcher sms = SmsCatcher.start(0);
    try {
      String prefix = "web" + UUID.randomUUID().toString().substring(0, 8) + "-";
      ServiceConnections connections =
          new ServiceConnections(
              TestInfrastructure.kafkaBootstrapServers(),
              "localhost",
              mail.smtpPort(),
              prefix,
              jwkSetUri,
              jwtIssuer);
      Path repoRoot = RepoRoot.find();
      List<ServiceSpec> specs = new ArrayList<>();
      // Clocks a test can move forward (POST /actuator/clock, ADMIN): at zero offset until one
      // does, so every other test sees real time.
      TestServiceSpecs.of(repoRoot, connections, sms)
          .forEach(spec -> specs.add(spec.withEnv("CELLPATH_CLOCK_ADJUSTABLE", "true")));
      specs.add(
          console.spec(
              repoRoot,
              FreePorts.pick(),
              specs.get(0).baseUrl(),
              specs.get(1).baseUrl(),
              specs.get(2).baseUrl()));
      List<ServiceProcess> processes =
          new ServiceLauncher(
                  repoRoot.resolve("local-stack/target").resolve(logs),
                  ServiceLauncher.currentJava(),
                  readiness)
              .startAll(specs);
      return new ConsoleSystem(mail, sms, processes);
    } catch (RuntimeException failed) {
      mail.close();
      sms.close();
      throw failed;
    }
  }

  ServiceProcess console() {
    return processes.get(CellPathService.values().length);
  }

  /** The mail catcher every email of the system reaches. */
  MailCatcher mail() {
    return mail;
  }

  /** The SMS catcher standing for the SMS provider. */
  SmsCatcher sms() {
    return sms;
  }

  URI baseUrl(CellPathService service) {
    return processes.get(service.ordinal()).baseUrl();
  }

  /**
   * Moves the three services' clocks to {@code offset} ahead of the system clock, together (the
   * console keeps real time). Only forward: a class that does this must run after every other class
   * sharing the system (see {@code OutcomeQuestionnaireBrowserIT}).
   */
  void moveServiceClocksTo(Duration offset) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (CellPathService service : CellPathService.values()) {
      HttpResponse<String> moved =
          http.send(
              HttpRequest.newBuilder(baseUrl(service).resolve("/actuator/clock"))
                  .header("Authorization", TestTokens.bearer(TestTokens.admin()))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"offset\":\"" + offset + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (moved.statusCode() != 200) {
        throw new IllegalStateException(
            service + " refused to move its clock: " + moved.statusCode() + " " + moved.body());
      }
    }
  }

  @Override
  public void close() {
    ServiceLauncher.stopAll(processes);
    mail.close();
    sms.close();
  }
}
