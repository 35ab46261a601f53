package org.cellpath.scheduling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Clinic slots, harvest and injection appointment pairs, and the waitlist. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SchedulingApplication {

  public static void main(String[] args) {
    SpringApplication.run(SchedulingApplication.class, args);
  }
}
