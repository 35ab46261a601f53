package org.cellpath.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.work.BackgroundWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through the queue on {@code threads} threads: every {@code poll-interval}, and at once when
 * a committed enqueue signals. Each message is claimed, sent and recorded in one transaction of its
 * own, so a failure of one never holds back the others, and the row lock keeps another thread or
 * instance from sending it too.
 *
 * <p>Delivery to the provider is at least once: if the provider accepted a message but the commit
 * that records it fails (or the process dies), the message is sent again later, as the same
 * message: the SMS provider gets the notification id as its idempotency key, and every email
 * carries a Message-ID made from it (ADR 14).
 *
 * <p>A channel that refuses to call its provider (an open circuit breaker, a used-up rate limit, a
 * full bulkhead) holds the message it refused, and this instance claims no other message of that
 * channel until the hold ends: otherwise every due SMS would be claimed, refused and held again,
 * one transaction each, for as long as the refusal lasts: under a burst that outruns the SMS rate
 * limit, several wasted transactions for every referral, taken from the messages that could go. An
 * SMTP server that cannot be reached or does not answer pauses the email channel the same way, for
 * the first back-off step.
 *
 * <p>A message about an appointment pair goes only while the pair still has the times it was
 * written for: its pair is read under a shared row lock for the whole sending transaction, so a
 * reschedule or cancellation either waits for the send to be recorded or has been recorded before,
 * and then the message is cancelled instead of sent.
 *
 * <p>A message with an expiry (the reminders before a procedure) goes only before it: however late
 * the dispatcher or a provider comes back, however far the clock jumps, a row claimed at or after
 * its expiry is closed as CANCELLED with reason {@link ClosedReason#EXPIRED}, on any channel and
 * without queuing its email fallback. The expiry is checked again just before the provider is
 * called, with the clock read then.
 */
@Component
class NotificationDispatcher extends BackgroundWorker {

  private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

  /**
   * A reschedule or cancellation is recorded in one short transaction; a message waiting for it is
   * due again after.
   */
  static final Duration PAIR_CHANGING_WAIT = Duration.ofSeconds(1);

  private final NotificationStore store;
  private final NotificationQueries queries;
  private final TransactionTemplate transactions;
  private final Map<ContactChannel, DeliveryChannel> channels = new EnumMap<>(ContactChannel.class);
  private final NotificationProperties.Dispatch settings;
  private final RetrySchedule retries;
  private final Clock clock;
  private final MeterRegistry meters;
  private final PatientLinkWriter links;

  /** The rules of the channels that have some (SMS), by channel. */
  private final Map<ContactChannel, SendingRules> rules = new EnumMap<>(ContactChannel.class);

  /**
   * Channels that refused to call their provider, until when; shared by this instance's dispatcher
   * threads.
   */
  private final Map<ContactChannel, Instant> pausedUntil = new ConcurrentHashMap<>();

  NotificationDispatcher(
      NotificationStore store,
      NotificationQueries queries,
      TransactionTemplate transactions,
      List<DeliveryChannel> channels,
      NotificationProperties properties,
      DispatchTrigger trigger,
      Clock clock,
      MeterRegistry meters,
      List<SendingRules> rules,
      PatientLinkWriter links) {
    super(
        "notification-dispatcher",
        properties.dispatch().pollInterval(),
        trigger,
        properties.dispatch().threads());
    this.store = store;
    this.queries = queries;
    this.transactions = transactions;
    channels.forEach(
        channel -> {
          if (this.channels.put(channel.channel(), channel) != null) {
            throw new IllegalStateException("Two delivery channels for " + channel.channel());
          }
        });
    this.settings = properties.dispatch();
    this.retries = settings.retrySchedule();
    this.clock = clock;
    this.meters = meters;
    this.links = links;
    rules.forEach(
        channelRules -> {
          if (this.rules.put(channelRules.channel(), channelRules) != null) {
            throw new IllegalStateException(
                "Two sets of sending rules for " + channelRules.channel());
          }
        });
  }

  /**
   * Sends due messages until none is left or a batch is done.
   *
   * @return how many messages were worked on (sent, rescheduled or given up)
   */
  int dispatchDue() {
    int handled = 0;
    while (handled < settings.batchSize()
        && Boolean.TRUE.equals(transactions.execute(status -> dispatchNext()))) {
      if (handled == 0) {
        // Others may be due too: a sibling thread sends them meanwhile rather than after this whole
        // batch.
        foundWork();
      }
      handled++;
    }
    return handled;
  }

  private boolean dispatchNext() {
    Instant now = clock.instant();
    Optional<QueuedNotification> claimed = store.claimNextDue(now, paused(now));
    claimed.ifPresent(message -> deliver(message, now));
    return claimed.isPresent();
  }

  private void deliver(QueuedNotification message, Instant now) {
    if (message.referralId() != null) {
      // An answer to a number no referral matched has none.
      MDC.put("referralId", message.referralId().toString());
    }
    MDC.put("notificationId", message.id().toString());
    try {
      if (expired(message, now)
          || (message.pair() != null && !forTheCurrentTimes(message, now))
          || !rulesLetItGo(message, now)
          // The rules (SMS) may have waited for the number's lock (another instance sending to the
          // same patient,
          // through the provider's retries): a reminder whose moment passed meanwhile must not go.
          || expired(message, clock.instant())) {
        return;
      }
      attempt(message, now);
    } finally {
      MDC.remove("referralId");
      MDC.remove("notificationId");
    }
  }

  /** Calls the channel and records the outcome: sent, tried again later, held, or given up. */
  private void attempt(QueuedNotification message, Instant now) {
    int attempt = message.attempts() + 1;
    try {
      send(message);
      store.save(message.sent(attempt, now));
      count(message, "sent");
      log.info(
          "Sent {} by {} for referral {}", message.kind(), message.channel(), message.referralId());
    } catch (DeliveryException failure) {
      FailureCode code = failure.code();
      if (!code.countsAsAttempt()) {
        hold(message, now, failure);
      } else if (code.retryable() && retries.allowsAnotherAttempt(attempt)) {
        Instant next = now.plus(delayBeforeNextAttempt(attempt, failure));
        store.save(message.retryAt(attempt, now, next, code));
        count(message, "retry");
        log.warn(
            "Sending {} by {} for referral {} failed ({}), attempt {} of {}; next attempt at {}",
            message.kind(),
            message.channel(),
            message.referralId(),
            code,
            attempt,
            settings.maxAttempts(),
            next);
      } else {
        store.save(message.failed(attempt, now, code));
        count(message, "failed");
        // The other channel: a reminder whose SMS cannot be delivered goes by email.
        boolean emailed = store.enqueueFallback(message, now);
        log.error(
            "Gave up sending {} by {} for referral {} after {} attempt(s) ({}){}",
            message.kind(),
            message.channel(),
            message.referralId(),
            attempt,
            code,
            emailed ? "; sent by email instead" : "");
      }
      if (message.channel() == ContactChannel.EMAIL && code == FailureCode.PROVIDER_UNAVAILABLE) {
        // The SMTP server is down or not answering, for every email alike: each further try would
        // hold a thread
        // for the mail timeouts while the SMS behind the emails wait. The SMS channel has its
        // circuit breaker for
        // this; email is left alone here for the first back-off step, and the next due email then
        // tries again.
        Instant until = now.plus(retries.initial());
        if (pause(ContactChannel.EMAIL, until, now)) {
          log.info("SMTP server unavailable: no other EMAIL is tried until {}", until);
        }
      }
    }
  }

  /**
   * Closes a reminder whose expiry has come (CANCELLED, {@link ClosedReason#EXPIRED}) instead of
   * sending it: late, it would name a day that has passed. No email goes in its stead, since the
   * email would be just as late.
   *
   * @return true when the message was closed
   */
  private boolean expired(QueuedNotification message, Instant now) {
    if (!message.expiredAt(now)) {
      return false;
    }
    store.save(message.cancel(ClosedReason.EXPIRED, now));
    count(message, "expired");
    log.info(
        "{} by {} for referral {} not sent: it expired at {}",
        message.kind(),
        message.channel(),
        message.referralId(),
        message.expiresAt());
    return true;
  }

  /**
   * Whether the message, written for a calendar sequence of its appointment pair, may still go. The
   * pair's state is read under a shared lock held until this transaction ends, so a reschedule or
   * cancellation of the pair waits for this send to be recorded, and whatever this transaction
   * queues for the pair (an SMS's email stand-in) is there for it to cancel. A message for times
   * the pair no longer has is cancelled here, whichever way it escaped the reschedule; one whose
   * pair is changing right now waits briefly, and is then cancelled or sent.
   */
  private boolean forTheCurrentTimes(QueuedNotification message, Instant now) {
    NotificationQueries.PairState state = queries.pairState(message.pair());
    switch (state) {
      case CURRENT -> {
        return true;
      }
      case CHANGING -> {
        Instant until = now.plus(PAIR_CHANGING_WAIT);
        store.save(message.postponeUntil(until));
        count(message, "postponed");
        log.info(
            "{} by {} for referral {} waits for its appointment pair's change to be recorded: due at {}",
            message.kind(),
            message.channel(),
            message.referralId(),
            until);
      }
      case RESCHEDULED, CANCELLED -> {
        ClosedReason reason =
            state == NotificationQueries.PairState.CANCELLED
                ? ClosedReason.PAIR_CANCELLED
                : ClosedReason.RESCHEDULED;
        store.save(message.cancel(reason, now));
        count(message, "cancelled");
        log.info(
            "{} by {} for referral {} not sent: written for times its appointment pair no longer has ({})",
            message.kind(),
            message.channel(),
            message.referralId(),
            reason);
      }
    }
    return false;
  }

  /**
   * Applies the channel's sending rules, if it has some: an SMS outside the patient's window waits
   * for it; one that may not go (opted out, daily or weekly limit) is skipped and its email
   * fallback, if any, queued.
   */
  private boolean rulesLetItGo(QueuedNotification message, Instant now) {
    SendingRules channelRules = rules.get(message.channel());
    if (channelRules == null) {
      return true;
    }
    SendingRules.Decision decision = channelRules.decide(message, now);
    if (decision instanceof SendingRules.Decision.Postpone postpone) {
      store.save(message.postponeUntil(postpone.until()));
      count(message, "postponed");
      log.info(
          "{} by {} for referral {} waits for the sending window: due at {}",
          message.kind(),
          message.channel(),
          message.referralId(),
          postpone.until());
      return false;
    }
    if (decision instanceof SendingRules.Decision.Skip skip) {
      store.save(message.skip(skip.reason(), now));
      boolean emailed = store.enqueueFallback(message, now);
      count(message, "skipped");
      log.info(
          "{} by {} for referral {} skipped ({}){}",
          message.kind(),
          message.channel(),
          message.referralId(),
          skip.reason(),
          emailed ? "; sent by email instead" : "");
      return false;
    }
    return true;
  }

  /**
   * The channel refused to call its provider (an open circuit breaker, a rate limit): not an
   * attempt, so the message keeps its attempts and is due again when the channel said, else after
   * the first back-off step.
   */
  private void hold(QueuedNotification message, Instant now, DeliveryException refusal) {
    Instant until = now.plus(honoured(refusal).orElse(retries.initial()));
    store.save(message.holdUntil(until, refusal.code()));
    count(message, "held");
    boolean paused = pause(message.channel(), until, now);
    log.info(
        "Holding {} by {} for referral {} ({}); due again at {}{}",
        message.kind(),
        message.channel(),
        message.referralId(),
        refusal.code(),
        until,
        paused ? "; no other " + message.channel() + " is tried until then" : "");
  }

  /**
   * Leaves the channel alone on this instance until {@code until} (or a later time already set).
   *
   * @return true when the channel was not paused before
   */
  private boolean pause(ContactChannel channel, Instant until, Instant now) {
    Instant before = pausedUntil.get(channel);
    pausedUntil.merge(channel, until, (known, later) -> later.isAfter(known) ? later : known);
    return before == null || !before.isAfter(now);
  }

  /**
   * The channels not to claim messages for now: those that refused to call their provider until
   * later.
   */
  private Set<ContactChannel> paused(Instant now) {
    if (pausedUntil.isEmpty()) {
      return Set.of();
    }
    Set<ContactChannel> paused = EnumSet.noneOf(ContactChannel.class);
    pausedUntil.forEach(
        (channel, until) -> {
          if (until.isAfter(now)) {
            paused.add(channel);
          }
        });
    pausedUntil.values().removeIf(until -> !until.isAfter(now));
    return paused;
  }

  /** The back-off, or longer when the provider asked for a longer wait ({@code Retry-After}). */
  private Duration delayBeforeNextAttempt(int failedAttempts, DeliveryException failure) {
    Duration backOff = retries.delayAfter(failedAttempts);
    return honoured(failure)
        .filter(retryAfter -> retryAfter.compareTo(backOff) > 0)
        .orElse(backOff);
  }

  /**
   * The wait the channel asked for, cut to {@code retry-after-max}: a provider's {@code
   * Retry-After} of years (or one past what an {@link Instant} holds) would otherwise park the
   * message for good, or fail the transaction that records the attempt and have the message sent
   * again every round.
   */
  private Optional<Duration> honoured(DeliveryException failure) {
    Duration most = settings.retryAfterMax();
    return failure
        .retryAfter()
        .map(
            wait -> {
              if (wait.compareTo(most) <= 0) {
                return wait;
              }
              log.info(
                  "{} asked to wait {}; waiting {} (retry-after-max)", failure.code(), wait, most);
              return most;
            });
  }

  private void send(QueuedNotification message) throws DeliveryException {
    DeliveryChannel channel = channels.get(message.channel());
    if (channel == null) {
      throw new DeliveryException(FailureCode.CHANNEL_UNAVAILABLE, null);
    }
    try {
      channel.send(withLink(message.toOutgoing(), message));
    } catch (RuntimeException e) {
      // A bug in a channel must not stop the queue; its message may quote the address, so keep only
      // its class.
      log.error("Channel {} failed unexpectedly: {}", message.channel(), e.getClass().getName());
      throw new DeliveryException(FailureCode.UNEXPECTED_ERROR, e);
    }
  }

  /**
   * The message as it goes: the patient link minted now, where its text holds the placeholder. A
   * message without a link goes as stored.
   */
  private OutgoingMessage withLink(OutgoingMessage outgoing, QueuedNotification message) {
    if (message.link() == null || message.referralId() == null) {
      return outgoing;
    }
    String link = links.linkFor(message.referralId(), message.link(), message.kind());
    return new OutgoingMessage(
        outgoing.notificationId(),
        outgoing.address(),
        outgoing.subject(),
        fill(outgoing.textBody(), link),
        fill(outgoing.htmlBody(), link),
        outgoing.calendar());
  }

  private static String fill(String body, String link) {
    return body == null ? null : body.replace(NewNotification.LinkTo.PLACEHOLDER, link);
  }

  private void count(QueuedNotification message, String outcome) {
    meters
        .counter(
            "cellpath.notifications.attempts",
            "kind",
            message.kind().name(),
            "channel",
            message.channel().name(),
            "outcome",
            outcome)
        .increment();
  }

  /** Works through due messages; more right away when a whole batch was due. */
  @Override
  protected boolean round() {
    return dispatchDue() >= settings.batchSize();
  }
}
