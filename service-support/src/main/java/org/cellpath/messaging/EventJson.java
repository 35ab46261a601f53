package org.cellpath.messaging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.EventTypes;
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
 * Events as JSON, the one way every service writes and reads them. A patient's contact details
 * travel sealed ({@link ContactSeal}, ADR 13 and 23): the field {@code patient} is a sealed string
 * on the wire, in the outbox and on dead-letter topics, bound to the event's type and referral id,
 * and a {@link PatientContact} again for the service that reads the event. A contact that does not
 * open for the event it is in (moved from another event, unsealed, sealed under an unknown key or
 * changed) makes the event unreadable.
 */
public final class EventJson {

  /**
   * The attribute through which the sealing (de)serializer learns which event the contact is in.
   */
  private static final String BINDING = "cellpath.contact-binding";

  /** Reads and writes contacts in the clear, inside the seal. */
  private final JsonMapper plain =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final JsonMapper mapper;

  /**
   * With the keys of the process environment ({@code EVENT_CONTACT_KEY} and the settings beside it,
   * see {@link ContactSeal#fromSettings}), else the local development key.
   */
  public EventJson() {
    this(ContactSeal.fromEnvironment());
  }

  public EventJson(ContactSeal seal) {
    SimpleModule sealing =
        new SimpleModule("cellpath-contact-seal")
            .addSerializer(
                PatientContact.class,
                new ValueSerializer<>() {
                  @Override
                  public void serialize(
                      PatientContact contact,
                      JsonGenerator generator,
                      SerializationContext context) {
                    generator.writeString(
                        seal.seal(
                            plain.writeValueAsString(contact),
                            (ContactSeal.Binding) context.getAttribute(BINDING)));
                  }
                })
            .addDeserializer(
                PatientContact.class,
                new ValueDeserializer<>() {
                  @Override
                  public PatientContact deserialize(
                      JsonParser parser, DeserializationContext context) {
                    ContactSeal.Binding binding =
                        (ContactSeal.Binding) context.getAttribute(BINDING);
                    if (parser.currentToken() == JsonToken.VALUE_STRING) {
                      return plain.readValue(
                          seal.open(parser.getString(), binding), PatientContact.class);
                    }
                    JsonNode unsealed = context.readTree(parser);
                    if (!unsealed.isObject()) {
                      throw new UnreadableEventException(
                          binding.eventType() + "'s patient contact is not a sealed value");
                    }
                    seal.acceptUnsealed(binding);
                    return plain.treeToValue(unsealed, PatientContact.class);
                  }
                });
    this.mapper =
        JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(sealing)
            .build();
  }

  public String write(CellPathEvent event) {
    return mapper
        .writer()
        .withAttribute(BINDING, ContactSeal.Binding.of(event))
        .writeValueAsString(event);
  }

  /**
   * The event in the payload, read as {@code type}; a patient contact in it must open for {@code
   * type}'s event type and the payload's referral id.
   *
   * @throws UnreadableEventException with a message that quotes nothing of the payload
   */
  public <E extends CellPathEvent> E read(byte[] payload, Class<E> type) {
    try {
      // The referral id first: the contact is opened for it, wherever it stands in the payload.
      JsonNode tree = mapper.readTree(payload);
      if (tree == null || !tree.isObject()) {
        throw new UnreadableEventException(
            "Payload is not a readable " + type.getSimpleName() + " (not an object)");
      }
      ContactSeal.Binding binding =
          new ContactSeal.Binding(EventTypes.typeOf(type), referralId(tree));
      E event = mapper.readerFor(type).withAttribute(BINDING, binding).readValue(tree);
      if (event == null || event.eventId() == null || event.referralId() == null) {
        throw new UnreadableEventException(
            type.getSimpleName() + " lacks its event id or referral id");
      }
      return event;
    } catch (JacksonException e) {
      UnreadableEventException contact = unreadableContact(e);
      if (contact != null) {
        throw contact;
      }
      // Jackson's message can quote the offending value, which may be patient data: keep only its
      // kind.
      throw new UnreadableEventException(
          "Payload is not a readable "
              + type.getSimpleName()
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  public <E extends CellPathEvent> E read(String payload, Class<E> type) {
    return read(payload.getBytes(StandardCharsets.UTF_8), type);
  }

  private static UUID referralId(JsonNode tree) {
    JsonNode id = tree.get("referralId");
    if (id == null || !id.isString()) {
      return null;
    }
    try {
      return UUID.fromString(id.asString());
    } catch (IllegalArgumentException notAUuid) {
      return null;
    }
  }

  /**
   * Why a contact did not open, when that is what Jackson wrapped: its message is safe and says
   * more.
   */
  private static UnreadableEventException unreadableContact(Throwable failure) {
    for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof UnreadableEventException unreadable) {
        return unreadable;
      }
    }
    return null;
  }
}
