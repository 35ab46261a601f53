package org.cellpath.referral;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Referral intake, eligibility review and the case timeline that referring physicians follow. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReferralApplication {

  public static void main(String[] args) {
    SpringApplication.run(ReferralApplication.class, args);
  }
}
