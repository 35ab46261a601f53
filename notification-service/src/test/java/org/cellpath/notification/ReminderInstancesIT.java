package org.cellpath.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cellpath.notification.ReminderEvents.SCHEDULING;
import static org.cellpath.notification.ReminderEvents.local;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cellpath.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Reminders live in the database, not in a process: one stored by an instance that then stops is
 * sent by an instance started later, and with two instances running each reminder goes out once.
 *
 * <p>The instances are full services started here on this test context's database and SMTP server,
 * with their own topic prefix (this test context never sees their events) and a clock the test
 * moves. This test context keeps the system clock, so its own dispatcher never finds these
 * reminders (in 2030) due.
 */
class ReminderInstancesIT extends EmailFlowSupport {

  private static final Logger log = LoggerFactory.getLogger(ReminderInstancesIT.class);
  private static final MutableClock clock = MutableClock.SHARED;
  private static final Instant BOOKED_AT = local("2030-03-01T09:00:00");

  @Autowired private Environment environment;

  private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
  private String prefix;

  @BeforeEach
  void ownTopics() {
    prefix =
        environment.getRequiredProperty("cellpath.messaging.topic-prefix")
            + "i"
            + UUID.randomUUID().toString().substring(0, 6)
            + "-";
    clock.set(BOOKED_AT);
  }

  @AfterEach
  void stopInstances() {
    instances.forEach(ConfigurableApplicationContext::close);
    instances.clear();
  }

  @Test
  void aReminderStoredByAnInstanceThatStoppedIsSentByOneStartedLater() throws Exception {
    String address = newAddress();
    ReminderEvents pair = new ReminderEvents(ReminderEvents.emailOnlyPatient(address));
    ConfigurableApplicationContext first = startInstance();

    publishTo(prefix, pair.booked("2030-03-15", BOOKED_AT), SCHEDULING);
    awaitOneEmailTo(address);
    await().atMost(WAIT).until(() -> pendingReminders(pair.referralId()) == 3);
    first.close();

    clock.set(local("2030-03-14T10:00:00"));
    assertThat(pendingReminders(pair.referralId())).as("nothing runs to send them").isEqualTo(3);
    startInstance();

    // An email reaches the SMTP server just before the dispatcher commits SENT: wait for the rows,
    // then count. The
    // day-before reminder is due; the NSAID pause and the 3-day reminder expired while no instance
    // ran.
    await().atMost(WAIT).until(() -> sentReminders(pair.referralId()) == 1);
    await().atMost(WAIT).until(() -> pendingReminders(pair.referralId()) == 0);
    assertThat(emailsTo(address)).as("confirmation and the day-before reminder, once").hasSize(2);
    assertThat(
            jdbc.sql(
                    """
            select kind from notification where referral_id = ? and closed_reason = 'EXPIRED' order by due_at
            """)
                .param(pair.referralId())
                .query(String.class)
                .list())
        .containsExactly("NSAID_PAUSE_REMINDER", "APPOINTMENT_REMINDER_3_DAYS");
  }

  @Test
  void twoInstancesSendEachDueReminderOnce() throws Exception {
    ConfigurableApplicationContext one = startInstance();
    ConfigurableApplicationContext two = startInstance();
    List<String> addresses = new ArrayList<>();
    List<UUID> referrals = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String address = newAddress();
      ReminderEvents pair = new ReminderEvents(ReminderEvents.emailOnlyPatient(address));
      addresses.add(address);
      referrals.add(pair.referralId());
      publishTo(prefix, pair.booked("2030-03-15", BOOKED_AT), SCHEDULING);
    }
    await()
        .atMost(WAIT)
        .until(() -> referrals.stream().mapToLong(this::pendingReminders).sum() == 36);

    // Each reminder on its day, 12 at a time (one whose day has passed unsent expires:
    // ReminderExpiryIT).
    clock.set(local("2030-03-08T10:00:00"));
    await()
        .atMost(WAIT)
        .until(() -> referrals.stream().mapToLong(this::pendingReminders).sum() == 24);
    clock.set(local("2030-03-12T10:00:00"));
    await()
        .atMost(WAIT)
        .until(() -> referrals.stream().mapToLong(this::pendingReminders).sum() == 12);
    clock.set(local("2030-03-14T10:00:00"));

    await()
        .atMost(WAIT)
        .until(() -> referrals.stream().mapToLong(this::pendingReminders).sum() == 0);
    for (String address : addresses) {
      assertThat(emailsTo(address))
          .as("confirmation and three reminders to %s", address)
          .hasSize(4);
    }
    double byOne = sent(one);
    double byTwo = sent(two);
    log.info("Reminders sent by instance one: {}, by instance two: {}", byOne, byTwo);
    assertThat(byOne + byTwo).as("reminders sent by the two instances together").isEqualTo(36);
  }

  private ConfigurableApplicationContext startInstance() {
    // Command-line arguments outrank application.yml, so an instance cannot fall back to its own
    // defaults.
    ConfigurableApplicationContext instance =
        new SpringApplicationBuilder(NotificationApplication.class, MutableClock.Config.class)
            .run(
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--spring.datasource.url="
                    + environment.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username="
                    + environment.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password="
                    + environment.getRequiredProperty("spring.datasource.password"),
                "--spring.kafka.bootstrap-servers="
                    + environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                "--spring.cloud.stream.kafka.binder.brokers="
                    + environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                "--spring.mail.host=" + environment.getRequiredProperty("spring.mail.host"),
                "--spring.mail.port=" + environment.getRequiredProperty("spring.mail.port"),
                "--spring.flyway.enabled=false",
                "--cellpath.messaging.topic-prefix=" + prefix);
    instances.add(instance);
    return instance;
  }

  private long pendingReminders(UUID referralId) {
    return jdbc.sql(
            """
            select count(*) from notification
            where referral_id = ? and status = 'PENDING'
                and kind in ('NSAID_PAUSE_REMINDER', 'APPOINTMENT_REMINDER_3_DAYS', 'APPOINTMENT_REMINDER_1_DAY')
            """)
        .param(referralId)
        .query(Long.class)
        .single();
  }

  private long sentReminders(UUID referralId) {
    return jdbc.sql(
            """
            select count(*) from notification
            where referral_id = ? and status = 'SENT'
                and kind in ('NSAID_PAUSE_REMINDER', 'APPOINTMENT_REMINDER_3_DAYS', 'APPOINTMENT_REMINDER_1_DAY')
            """)
        .param(referralId)
        .query(Long.class)
        .single();
  }

  private static double sent(ConfigurableApplicationContext instance) {
    MeterRegistry meters = instance.getBean(MeterRegistry.class);
    return meters.find("cellpath.notifications.attempts").tag("outcome", "sent").counters().stream()
        .filter(counter -> counter.getId().getTag("kind").contains("REMINDER"))
        .mapToDouble(counter -> counter.count())
        .sum();
  }
}
