package org.cellpath.notification;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Tells patients (and, later, physicians) what happens to their case, by email now and by SMS later. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationApplication {

  public static void main(String[] args) {
    SpringApplication.run(NotificationApplication.class, args);
  }

  /** The one source of "now": due times, sent times and event times all come from it, so tests can move it. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
