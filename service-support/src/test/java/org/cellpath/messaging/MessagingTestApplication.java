package org.cellpath.messaging;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.cellpath.contracts.ReferralAmended;
import org.cellpath.contracts.ReferralWithdrawn;
import org.cellpath.security.CellPathHttpSecurity;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A service in miniature for the foundation's tests: an amendment has an effect (a row), unless the
 * test has broken the effect for its referral ({@link Breakdowns}); a withdrawal of the poison
 * referral always fails with a message full of patient data. Its HTTP side is a service's: no API
 * of its own, actuator endpoints for {@code ADMIN}.
 */
@SpringBootApplication
public class MessagingTestApplication {

  public static final UUID POISON = UUID.fromString("00000000-0000-0000-0000-00000000dead");
  static final String CANARY = "Canary Patient, born 1950-05-05, +15550001111";

  @Bean
  Consumer<Message<byte[]>> referralEvents(
      InboundEvents inbound,
      JdbcClient jdbc,
      Breakdowns breakdowns,
      HandledTraces traces,
      ApplicationEventPublisher events) {
    return inbound.consumer(
        "messaging-test",
        new EventHandlers()
            .on(
                ReferralAmended.class,
                event -> {
                  traces.seen(event.eventId());
                  if (traces.followsOn(event.referralId())) {
                    events.publishEvent(
                        EventsRaised.of(
                            new ReferralWithdrawn(
                                UUID.randomUUID(), event.referralId(), event.occurredAt())));
                  }
                  if (breakdowns.isBroken(event.referralId())) {
                    throw new IllegalStateException("Cannot amend " + CANARY);
                  }
                  jdbc.sql("insert into effect (event_id, referral_id) values (?, ?)")
                      .param(event.eventId())
                      .param(event.referralId())
                      .update();
                })
            .on(
                ReferralWithdrawn.class,
                event -> {
                  if (POISON.equals(event.referralId())) {
                    throw new IllegalStateException("Cannot withdraw " + CANARY);
                  }
                }));
  }

  @Bean
  Breakdowns breakdowns() {
    return new Breakdowns();
  }

  @Bean
  HandledTraces handledTraces() {
    return new HandledTraces();
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http, CellPathHttpSecurity security) throws Exception {
    return security.build(http, rules -> {});
  }

  /**
   * The trace id each handled amendment saw in the MDC (what its log lines carry); for the
   * referrals a test names, an amendment causes a withdrawal, as a service's handler causes events
   * of its own.
   */
  public static final class HandledTraces {

    private final Map<UUID, String> traceIds = new ConcurrentHashMap<>();
    private final Set<UUID> followingOn = ConcurrentHashMap.newKeySet();

    public void followOn(UUID referralId) {
      followingOn.add(referralId);
    }

    public @Nullable String traceIdOf(UUID eventId) {
      return traceIds.get(eventId);
    }

    void seen(UUID eventId) {
      String traceId = MDC.get("traceId");
      traceIds.put(eventId, traceId == null ? "none" : traceId);
    }

    boolean followsOn(UUID referralId) {
      return followingOn.contains(referralId);
    }
  }

  /**
   * Referrals whose amendments fail until the test repairs them: a handler that failed, then was
   * fixed.
   */
  public static final class Breakdowns {

    private final Set<UUID> broken = ConcurrentHashMap.newKeySet();

    public void breakFor(UUID referralId) {
      broken.add(referralId);
    }

    public void repair(UUID referralId) {
      broken.remove(referralId);
    }

    boolean isBroken(UUID referralId) {
      return broken.contains(referralId);
    }
  }
}
