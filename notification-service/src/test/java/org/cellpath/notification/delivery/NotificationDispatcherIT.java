package org.cellpath.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.NotificationFailed;
import org.cellpath.messaging.EventJson;
import org.cellpath.notification.EmailFlowSupport;
import org.cellpath.testsupport.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The dispatcher against the real database and SMTP server, where row locks and commits are real.
 */
class NotificationDispatcherIT extends EmailFlowSupport {

  @Autowired private NotificationStore queue;
  @Autowired private NotificationDispatcher dispatcher;
  @Autowired private TransactionTemplate transactions;

  @Test
  void sendsEachMessageOnceWhileSeveralDispatchersRaceForTheQueue() throws Exception {
    UUID referralId = UUID.randomUUID();
    List<String> addresses = IntStream.range(0, 30).mapToObj(i -> newAddress()).toList();
    ExecutorService racers = Executors.newFixedThreadPool(2);
    try {
      transactions.executeWithoutResult(
          status ->
              addresses.forEach(
                  address ->
                      queue.enqueue(
                          message(referralId, ContactChannel.EMAIL, address), Instant.now())));

      // Two more dispatchers (as in two more instances) race the service's own one for the same
      // rows.
      Callable<Integer> race =
          () -> {
            int handled = 0;
            for (int round = dispatcher.dispatchDue();
                round > 0;
                round = dispatcher.dispatchDue()) {
              handled += round;
            }
            return handled;
          };
      List<Future<Integer>> rounds =
          new ArrayList<>(List.of(racers.submit(race), racers.submit(race)));
      for (Future<Integer> round : rounds) {
        round.get();
      }
    } finally {
      racers.shutdownNow();
    }

    await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql(
                            "select count(*) from notification where referral_id = ? and status = 'SENT' and attempts = 1")
                        .param(referralId)
                        .query(Long.class)
                        .single()
                    == addresses.size());
    for (String address : addresses) {
      assertThat(emailsTo(address)).as("emails to %s", address).hasSize(1);
    }
    assertThat(
            jdbc.sql(
                    """
            select count(*) from notification_attempt a join notification n on n.id = a.notification_id
            where n.referral_id = ?
            """)
                .param(referralId)
                .query(Long.class)
                .single())
        .isEqualTo(addresses.size());
  }

  @Test
  void givesUpAtOnceOnAFailureNoRetryCanFixAndReportsIt() {
    UUID referralId = UUID.randomUUID();

    // Not an E.164 number: no provider could ever deliver it, so it is not even sent to one.
    transactions.executeWithoutResult(
        status ->
            queue.enqueue(message(referralId, ContactChannel.SMS, "13105550123"), Instant.now()));

    try (TopicReader topic = notificationEvents()) {
      ConsumerRecord<byte[], byte[]> record =
          topic.awaitEvent("NotificationFailed", referralId.toString(), WAIT);
      NotificationFailed failed = new EventJson().read(record.value(), NotificationFailed.class);
      assertThat(failed.reasonCode()).isEqualTo("INVALID_ADDRESS");
      assertThat(failed.channel()).isEqualTo(ContactChannel.SMS);
    }
    JsonNode entry = onlyNotificationOf(referralId);
    assertThat(entry.get("status").asString()).isEqualTo("FAILED");
    assertThat(entry.get("attempts").asInt()).isEqualTo(1);
    assertThat(entry.get("recipient").asString()).endsWith("23").doesNotContain("3105550");
    assertThat(entry.get("attemptLog").get(0).get("outcome").asString()).isEqualTo("FAILED");
  }

  private static NewNotification message(UUID referralId, ContactChannel channel, String address) {
    return new NewNotification(
        UUID.randomUUID(),
        referralId,
        MessageKind.REFERRAL_RECEIVED,
        RecipientRole.PATIENT,
        channel,
        address,
        "en",
        new RenderedMessage("Subject", "Body", null));
  }
}
