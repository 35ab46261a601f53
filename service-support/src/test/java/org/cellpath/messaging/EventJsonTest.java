package org.cellpath.messaging;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cellpath.contracts.ReferralSubmitted;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  private final EventJson json = new EventJson();

  @Test
  void anUnreadablePayloadIsReportedWithoutItsContent() {
    String payload =
        "{\"eventId\":\""
            + java.util.UUID.randomUUID()
            + "\",\"referralId\":\"x\","
            + "\"patient\":{\"givenName\":\"Canary\",\"email\":\"canary@example.org\"}}";

    assertThatThrownBy(() -> json.read(payload, ReferralSubmitted.class))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("ReferralSubmitted")
        .hasMessageNotContaining("Canary")
        .hasMessageNotContaining("canary@example.org");
  }

  @Test
  void aPayloadWithoutItsIdsIsUnreadable() {
    assertThatThrownBy(() -> json.read("{\"patient\":null}", ReferralSubmitted.class))
        .isInstanceOf(UnreadableEventException.class)
        .hasMessageContaining("event id");
  }
}
