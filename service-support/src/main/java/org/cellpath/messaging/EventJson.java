package org.cellpath.messaging;

import java.nio.charset.StandardCharsets;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.PatientContact;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Events as JSON, the one way every service writes and reads them. A patient's contact details travel sealed
 * ({@link ContactSeal}, ADR 13): the field {@code patient} is a sealed string on the wire, in the outbox and on
 * dead-letter topics, and a {@link PatientContact} again for the service that reads the event. A contact written
 * before sealing (a plain object) is still read.
 */
public final class EventJson {

  /** Reads and writes contacts in the clear, inside the seal. */
  private final JsonMapper plain =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private final JsonMapper mapper;

  /** With the key of {@code EVENT_CONTACT_KEY}, else the local development key. */
  public EventJson() {
    this(ContactSeal.fromEnvironment());
  }

  public EventJson(ContactSeal seal) {
    SimpleModule sealing = new SimpleModule("cellpath-contact-seal")
        .addSerializer(PatientContact.class, new ValueSerializer<>() {
          @Override
          public void serialize(PatientContact contact, JsonGenerator generator, SerializationContext context) {
            generator.writeString(seal.seal(plain.writeValueAsString(contact)));
          }
        })
        .addDeserializer(PatientContact.class, new ValueDeserializer<>() {
          @Override
          public PatientContact deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
              return plain.readValue(seal.open(parser.getString()), PatientContact.class);
            }
            JsonNode legacy = context.readTree(parser);
            return plain.treeToValue(legacy, PatientContact.class);
          }
        });
    this.mapper = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .addModule(sealing).build();
  }

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
