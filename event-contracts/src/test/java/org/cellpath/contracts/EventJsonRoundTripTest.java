package org.cellpath.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventJsonRoundTripTest {

  /** Configured as the services read events: tolerant of fields added by newer publishers. */
  private final JsonMapper json =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  static Iterable<CellPathEvent> events() {
    return EventFixtures.all();
  }

  @ParameterizedTest
  @MethodSource("events")
  void everyEventReadsBackEqualToWhatWasWritten(CellPathEvent event) {
    String written = json.writeValueAsString(event);

    CellPathEvent read =
        json.readValue(written, EventTypes.classOf(EventTypes.typeOf(event)).orElseThrow());

    assertThat(read).isEqualTo(event);
  }

  @ParameterizedTest
  @MethodSource("events")
  void timesAreWrittenAsIsoStringsAndIdsAsText(CellPathEvent event) {
    JsonNode tree = json.readTree(json.writeValueAsString(event));

    assertThat(tree.get("occurredAt").asString()).isEqualTo("2026-11-24T17:30:00Z");
    assertThat(tree.get("eventId").asString()).isEqualTo(event.eventId().toString());
    assertThat(tree.get("referralId").asString()).isEqualTo(EventFixtures.REFERRAL.toString());
  }

  @ParameterizedTest
  @MethodSource("events")
  void aReaderIgnoresFieldsAddedByANewerPublisher(CellPathEvent event) {
    ObjectNode tree = (ObjectNode) json.readTree(json.writeValueAsString(event));
    tree.put("fieldFromTheFuture", "ignored");

    CellPathEvent read = json.treeToValue(tree, event.getClass());

    assertThat(read).isEqualTo(event);
  }

  @Test
  void everyEventTypeOfTheFlowHasAFixture() {
    Set<Class<?>> covered =
        EventFixtures.all().stream().map(Object::getClass).collect(Collectors.toSet());

    assertThat(covered).containsExactlyInAnyOrderElementsOf(EventTypes.all().values());
  }
}
