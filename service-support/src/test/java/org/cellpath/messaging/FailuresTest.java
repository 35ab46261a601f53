package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

class FailuresTest {

  @Test
  void aDatabaseThatCannotBeReachedIsAnOutageHoweverDeeplyWrapped() {
    var failure =
        new ListenerExecutionFailedException(
            "listener failed",
            new CannotGetJdbcConnectionException(
                "no connection", new SQLException("refused", "08001")));

    assertThat(Failures.isOutage(failure)).isTrue();
    assertThat(Failures.isPermanent(failure)).isFalse();
  }

  @Test
  void aConnectionStateFromPostgresIsAnOutageEvenUntranslated() {
    assertThat(Failures.isOutage(new RuntimeException(new SQLException("terminating", "57P01"))))
        .isTrue();
    assertThat(Failures.isOutage(new RuntimeException(new ConnectException("refused")))).isTrue();
  }

  @Test
  void aConstraintViolationIsNeitherAnOutageNorPermanent() {
    var failure = new DataIntegrityViolationException("duplicate key (email)=(ana@example.org)");

    assertThat(Failures.isOutage(failure)).isFalse();
    assertThat(Failures.isPermanent(failure)).isFalse();
  }

  @Test
  void anUnreadableOrRejectedEventIsPermanent() {
    assertThat(
            Failures.isPermanent(
                new ListenerExecutionFailedException("x", new UnreadableEventException("u"))))
        .isTrue();
    assertThat(Failures.isPermanent(new RejectedEventException("r"))).isTrue();
  }

  @Test
  void onlyMessagesMarkedSafeAreReported() {
    var unsafe =
        new ListenerExecutionFailedException(
            "wrapper",
            new DataIntegrityViolationException("Key (email)=(ana@example.org) already exists"));
    var safe =
        new ListenerExecutionFailedException(
            "wrapper", new RejectedEventException("Referral 42 unknown"));

    assertThat(Failures.safeMessage(unsafe))
        .doesNotContain("ana@example.org")
        .contains(DataIntegrityViolationException.class.getName());
    assertThat(Failures.safeMessage(safe)).isEqualTo("Referral 42 unknown");
    assertThat(Failures.safeStackTrace(unsafe)).doesNotContain("ana@example.org").contains("\tat ");
  }
}
