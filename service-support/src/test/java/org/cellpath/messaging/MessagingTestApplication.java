package org.cellpath.messaging;

import java.util.UUID;
import java.util.function.Consumer;
import org.cellpath.contracts.ReferralAmended;
import org.cellpath.contracts.ReferralWithdrawn;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;

/**
 * A service in miniature for the foundation's tests: an amendment has an effect (a row), a withdrawal of the
 * poison referral always fails with a message full of patient data.
 */
@SpringBootApplication
class MessagingTestApplication {

  static final UUID POISON = UUID.fromString("00000000-0000-0000-0000-00000000dead");
  static final String CANARY = "Canary Patient, born 1950-05-05, +15550001111";

  @Bean
  Consumer<Message<byte[]>> referralEvents(InboundEvents inbound, JdbcClient jdbc) {
    return inbound.consumer("messaging-test", new EventHandlers()
        .on(ReferralAmended.class, event -> jdbc.sql("insert into effect (event_id, referral_id) values (?, ?)")
            .param(event.eventId()).param(event.referralId()).update())
        .on(ReferralWithdrawn.class, event -> {
          if (POISON.equals(event.referralId())) {
            throw new IllegalStateException("Cannot withdraw " + CANARY);
          }
        }));
  }
}
