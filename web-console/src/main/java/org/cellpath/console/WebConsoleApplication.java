package org.cellpath.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The web console: pages for physicians, reviewers, schedulers and staff over the three services'
 * APIs.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebConsoleApplication {

  public static void main(String[] args) {
    SpringApplication.run(WebConsoleApplication.class, args);
  }
}
