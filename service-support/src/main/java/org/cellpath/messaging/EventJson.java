package org.cellpath.messaging;

import java.nio.charset.StandardCharsets;
import org.cellpath.contracts.CellPathEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes event payloads. A tolerant reader: fields a newer publisher added are ignored. A payload that
 * cannot be read raises {@link UnreadableEventException} whose message names the type only, never the content.
 */
public final class EventJson {

  private final JsonMapper mapper =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public String write(CellPathEvent event) {
    return mapper.writeValueAsString(event);
  }

  public <E extends CellPathEvent> E read(byte[] payload, Class<E> type) {
    try {
      E event = mapper.readValue(payload, type);
      if (event == null || event.eventId() == null || event.referralId() == null) {
        throw new UnreadableEventException(type.getSimpleName() + " lacks its event id or referral id");
      }
      return event;
    } catch (JacksonException e) {
      // Jackson's message can quote the offending value, which may be patient data: keep only its kind.
      throw new UnreadableEventException(
          "Payload is not a readable " + type.getSimpleName() + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  public <E extends CellPathEvent> E read(String payload, Class<E> type) {
    return read(payload.getBytes(StandardCharsets.UTF_8), type);
  }
}
