package org.cellpath.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;

import org.cellpath.notification.clinic.ClinicProperties;
import org.cellpath.notification.delivery.NotificationProperties;
import org.cellpath.notification.templates.MessageTemplates;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The composer as Spring builds it from {@code cellpath.*} settings: it starts, or refuses to, at
 * once.
 */
class MessageComposerStartupTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({ClinicProperties.class, NotificationProperties.class})
  @Import({MessageTemplates.class, MessageComposer.class})
  static class Messages {}

  /**
   * The settings a deployment always has (application.yml and service-defaults.yml give them
   * defaults).
   */
  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withUserConfiguration(Messages.class)
          .withPropertyValues(
              "cellpath.clinic.phone=+1 555 010 0100",
              "cellpath.clinic.time-zone=America/Los_Angeles");

  @Test
  void startsWithTheConfiguredSenderAsTheCalendarsOrganizer() {
    context
        .withPropertyValues(
            "cellpath.clinic.name=Harbor Foot Clinic",
            "cellpath.notifications.from=hello@harbor.example")
        .run(
            started -> {
              assertThat(started).hasNotFailed();
              ComposedMessage booking =
                  started
                      .getBean(MessageComposer.class)
                      .bookingConfirmation(
                          PairFixtures.booked(
                              org.cellpath.notification.PatientEvents.englishPatient(
                                  "ana@example.org")));
              assertThat(booking.content().calendar())
                  .contains("ORGANIZER;CN=Harbor Foot Clinic:mailto:hello@harbor.example");
              assertThat(booking.sms()).startsWith("Harbor Foot Clinic: ");
            });
  }

  @Test
  void refusesToStartWhenTheClinicsNameLeavesNoRoomForAnSms() {
    context
        .withPropertyValues(
            "cellpath.clinic.name="
                + "CellPath Foot & Ankle Clinic of Greater Los Angeles, the San Gabriel Valley and the Inland Empire")
        .run(
            started ->
                assertThat(started)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CLINIC_NAME"));
  }
}
