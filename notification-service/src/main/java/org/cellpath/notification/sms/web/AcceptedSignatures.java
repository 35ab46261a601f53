package org.cellpath.notification.sms.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The webhook calls already acted on, by their signature, in the database that every instance
 * shares: each signed call is acted on once. A signature is remembered until its call could no
 * longer be verified ({@link WebhookSignature#TOLERANCE} either way, twice over for clocks that
 * differ between instances).
 */
@Component
class AcceptedSignatures {

  private final JdbcClient jdbc;
  private final Clock clock;

  AcceptedSignatures(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Acts on the call once: runs {@code effect} in the same transaction as recording the signature,
   * and returns its result; empty, with nothing run, when the signature was recorded before (a
   * replay). Two instances handed the same call at once queue on the signature's key, and the
   * second finds it recorded.
   */
  @Transactional
  public <T> Optional<T> once(WebhookSignature.Signed signed, Supplier<T> effect) {
    Instant now = clock.instant();
    jdbc.sql("delete from sms_webhook_signature where signed_at < ?")
        .param(Timestamp.from(now.minus(WebhookSignature.TOLERANCE.multipliedBy(2))))
        .update();
    int recorded =
        jdbc.sql(
                """
            insert into sms_webhook_signature (signature, signed_at, accepted_at) values (?, ?, ?)
            on conflict (signature) do nothing
            """)
            .param(signed.signature())
            .param(Timestamp.from(signed.at()))
            .param(Timestamp.from(now))
            .update();
    return recorded == 1 ? Optional.ofNullable(effect.get()) : Optional.empty();
  }
}
