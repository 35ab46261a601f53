package org.cellpath.faults;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.cellpath.infra.EmbeddedKafka;

/**
 * The fault tests' Kafka broker, alone in its own JVM so that the tests can SIGKILL it: {@code
 * BrokerMain <port> <data directory> [key=value ...]}. Prints {@code READY} once the broker
 * answers; a SIGTERM shuts it down cleanly.
 */
public final class BrokerMain {

  private BrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    Path data = Path.of(args[1]);
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      String[] setting = args[i].split("=", 2);
      settings.put(setting[0], setting[1]);
    }
    EmbeddedKafka kafka = EmbeddedKafka.start(port, data, settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.close();
                  stopped.countDown();
                },
                "broker-shutdown"));
    System.out.println("READY " + kafka.bootstrapServers());
    System.out.flush();
    stopped.await();
  }
}
