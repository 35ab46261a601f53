package org.cellpath.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code src/main/resources/asyncapi.json} describes the events on the wire (AsyncAPI 3.0) for
 * people and tools outside the code. This test rebuilds the description from the records and fails
 * when the committed file says otherwise, so the two cannot drift. After changing an event,
 * regenerate it with {@code ./mvnw -pl event-contracts test -Dtest=AsyncApiDocumentTest
 * -Dasyncapi.write=true}.
 */
class AsyncApiDocumentTest {

  private static final Path DOCUMENT = Path.of("src/main/resources/asyncapi.json");
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final Map<String, Class<?>> FAMILIES =
      Map.of(
          Topics.REFERRAL_EVENTS,
          ReferralEvent.class,
          Topics.SCHEDULING_EVENTS,
          SchedulingEvent.class,
          Topics.NOTIFICATION_EVENTS,
          NotificationEvent.class);
  private static final String SEALED_CONTACT = "SealedPatientContact";

  @Test
  void theCommittedAsyncApiDocumentDescribesEveryEventAsTheRecordsDefineIt() throws Exception {
    String expected = JSON.writeValueAsString(document()) + "\n";
    if (Boolean.getBoolean("asyncapi.write")) {
      Files.writeString(DOCUMENT, expected);
    }

    assertThat(Files.readString(DOCUMENT))
        .as("asyncapi.json is out of date; see this test's Javadoc")
        .isEqualTo(expected);
  }

  @Test
  void everyEventTypeIsAMessageOnItsFamilysChannel() throws Exception {
    JsonNode document = JSON.readTree(Files.readString(DOCUMENT));

    EventTypes.all()
        .forEach(
            (type, record) -> {
              assertThat(document.at("/components/messages/" + type + "/name").asString())
                  .isEqualTo(type);
              String channel =
                  FAMILIES.entrySet().stream()
                      .filter(f -> f.getValue().isAssignableFrom(record))
                      .map(Map.Entry::getKey)
                      .findFirst()
                      .orElseThrow();
              assertThat(
                      document
                          .at("/channels/" + channel + "/messages/" + type + "/$ref")
                          .asString())
                  .isEqualTo("#/components/messages/" + type);
            });
  }

  private static ObjectNode document() {
    ObjectNode root = JSON.createObjectNode();
    root.put("asyncapi", "3.0.0");
    ObjectNode info = root.putObject("info");
    info.put("title", "CellPath events");
    info.put("version", "2");
    info.put(
        "description",
        "Events between CellPath services. Record key: the referral id. Metadata in "
            + "CloudEvents-style headers (binary mode); payload: the event as JSON. Topics may carry a deployment prefix. "
            + "A patient's contact travels sealed (SealedPatientContact), bound to its event's type and referral id.");
    ObjectNode channels = root.putObject("channels");
    ObjectNode messages = JSON.createObjectNode();
    ObjectNode schemas = JSON.createObjectNode();
    FAMILIES.keySet().stream()
        .sorted()
        .forEach(
            topic -> {
              ObjectNode channel = channels.putObject(topic);
              channel.put("address", topic);
              ObjectNode channelMessages = channel.putObject("messages");
              EventTypes.all()
                  .forEach(
                      (type, record) -> {
                        if (FAMILIES.get(topic).isAssignableFrom(record)) {
                          channelMessages
                              .putObject(type)
                              .put("$ref", "#/components/messages/" + type);
                          ObjectNode message = messages.putObject(type);
                          message.put("name", type);
                          message.put("contentType", EventHeaders.JSON);
                          message
                              .putObject("headers")
                              .put("$ref", "#/components/schemas/EventHeaders");
                          message.putObject("payload").put("$ref", "#/components/schemas/" + type);
                          describe(record, schemas);
                        }
                      });
            });
    ObjectNode components = root.putObject("components");
    components.set("messages", messages);
    ObjectNode headers = schemas.putObject("EventHeaders");
    headers.put("type", "object");
    ArrayNode required = headers.putArray("required");
    ObjectNode properties = headers.putObject("properties");
    for (String name :
        new String[] {
          EventHeaders.ID,
          EventHeaders.TYPE,
          EventHeaders.SOURCE,
          EventHeaders.TIME,
          EventHeaders.SUBJECT,
          EventHeaders.SPEC_VERSION,
          EventHeaders.CONTENT_TYPE,
          EventHeaders.TRACEPARENT
        }) {
      properties.putObject(name).put("type", "string");
      if (!name.equals(EventHeaders.TRACEPARENT)) {
        required.add(name);
      }
    }
    components.set("schemas", sorted(schemas));
    return root;
  }

  private static void describe(Class<?> record, ObjectNode schemas) {
    if (schemas.has(record.getSimpleName())) {
      return;
    }
    ObjectNode schema = schemas.putObject(record.getSimpleName());
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = schema.putArray("required");
    for (RecordComponent component : record.getRecordComponents()) {
      properties.set(component.getName(), typeOf(component.getGenericType(), schemas));
      if (Set.of("eventId", "referralId", "occurredAt").contains(component.getName())) {
        required.add(component.getName());
      }
    }
  }

  private static ObjectNode typeOf(Type type, ObjectNode schemas) {
    ObjectNode node = JSON.createObjectNode();
    if (type instanceof ParameterizedType generic
        && Collection.class.isAssignableFrom((Class<?>) generic.getRawType())) {
      node.put("type", "array");
      if (Set.class.isAssignableFrom((Class<?>) generic.getRawType())) {
        node.put("uniqueItems", true);
      }
      node.set("items", typeOf(generic.getActualTypeArguments()[0], schemas));
      return node;
    }
    Class<?> raw = (Class<?>) type;
    if (raw == UUID.class) {
      node.put("type", "string").put("format", "uuid");
    } else if (raw == Instant.class) {
      node.put("type", "string").put("format", "date-time");
    } else if (raw == LocalDate.class) {
      node.put("type", "string").put("format", "date");
    } else if (raw == String.class) {
      node.put("type", "string");
    } else if (raw == boolean.class || raw == Boolean.class) {
      node.put("type", "boolean");
    } else if (raw == int.class || raw == Integer.class) {
      node.put("type", "integer");
    } else if (raw.isEnum()) {
      node.put("type", "string");
      ArrayNode values = node.putArray("enum");
      Arrays.stream(raw.getEnumConstants()).map(Object::toString).forEach(values::add);
    } else if (raw == PatientContact.class) {
      sealed(schemas);
      node.put("$ref", "#/components/schemas/" + SEALED_CONTACT);
    } else if (raw.isRecord()) {
      describe(raw, schemas);
      node.put("$ref", "#/components/schemas/" + raw.getSimpleName());
    } else {
      throw new IllegalArgumentException("No schema mapping for " + raw.getName());
    }
    return node;
  }

  /**
   * A patient's contact as it is on the wire (ADR 23): a string that opens to a {@link
   * PatientContact} only in the event it was sealed for. The contact's fields are described as what
   * it opens to.
   */
  private static void sealed(ObjectNode schemas) {
    if (schemas.has(SEALED_CONTACT)) {
      return;
    }
    describe(PatientContact.class, schemas);
    ((ObjectNode) schemas.get("PatientContact"))
        .put(
            "description",
            "What a SealedPatientContact opens to. Never on "
                + "the wire in the clear: a reader refuses an event whose contact is an object.");
    ObjectNode sealed = schemas.putObject(SEALED_CONTACT);
    sealed.put("type", "string");
    sealed.put("pattern", "^v2\\.[A-Za-z0-9_-]{1,32}\\.[A-Za-z0-9_-]+$");
    sealed.put(
        "description",
        "A PatientContact sealed with AES-256-GCM: v2.<key id>.<base64url without padding of "
            + "(12-byte nonce | ciphertext | 16-byte tag)>; the plaintext is the PatientContact as JSON, the associated data "
            + "'cellpath:PatientContact:v2|<key id>|<event type, as in ce_type>|<referral id>'. It opens only under the "
            + "named key, in an event of that type and referral: a contact copied from another event, a plain object, a v1 "
            + "value (sealed before binding) or an unknown key id makes the event unreadable (dead-lettered). The key is "
            + "shared by the services (EVENT_CONTACT_KEY); see ADR 23.");
    sealed.putObject("x-cellpath-opens-to").put("$ref", "#/components/schemas/PatientContact");
  }

  private static ObjectNode sorted(ObjectNode schemas) {
    ObjectNode sorted = JSON.createObjectNode();
    schemas.propertyNames().stream().sorted().forEach(name -> sorted.set(name, schemas.get(name)));
    return sorted;
  }
}
