package org.cellpath.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem details of an unknown field, of a value of the wrong JSON type and of a rate limit,
 * as every service answers them (with its JSON mapper shaped by {@link StrictJsonTypes}).
 */
class ProblemDetailsAdviceTest {

  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(new Endpoints())
          .setControllerAdvice(new ProblemDetailsAdvice())
          .setMessageConverters(new JacksonJsonHttpMessageConverter(strict()))
          .build();

  /**
   * A builder, as services have it: the converter adds what writes a problem's properties at the
   * top level.
   */
  private static JsonMapper.Builder strict() {
    JsonMapper.Builder builder =
        JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    new StrictJsonTypes().customize(builder);
    return builder;
  }

  @Test
  void anUnknownOrServerOwnedFieldIsRefusedByName() throws Exception {
    mvc.perform(
            post("/things")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"slot\",\"status\":\"BOOKED\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("status"))
        .andExpect(jsonPath("$.errors[0].message").value("is not a field of this request"))
        .andExpect(jsonPath("$.detail").value("Invalid field(s): status"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a number for an enum (it would be read as a position)| {\"kind\":1}                | kind",
        "a quoted number for an enum                          | {\"kind\":\"1\"}            | kind",
        "a fraction for a whole number (it would be cut)      | {\"minutes\":45.5}          | minutes",
        "a whole number written with a fraction               | {\"minutes\":45.0}          | minutes",
        "text for a whole number                              | {\"minutes\":\"45\"}        | minutes",
        "an empty text for a whole number                     | {\"minutes\":\"\"}          | minutes",
        "text for yes or no                                   | {\"consent\":\"yes\"}       | consent",
        "the text true for yes or no                          | {\"consent\":\"true\"}      | consent",
        "a number for yes or no                               | {\"consent\":1}             | consent",
        "a number for text                                    | {\"name\":4155550123}       | name",
        "a decimal for text                                   | {\"name\":1.5}              | name",
        "yes or no for text                                   | {\"name\":true}             | name",
        "text for a decimal                                   | {\"weight\":\"70.5\"}       | weight",
        "a number for a date                                  | {\"day\":19710314}          | day",
        "a number for an enum inside a list                   | {\"items\":[{\"kind\":31337}]}| items[0].kind",
      })
  void aValueOfTheWrongJsonTypeIsRefusedNamingTheFieldWithoutRepeatingIt(
      String what, String body, String field) throws Exception {
    String answer =
        mvc.perform(post("/typed").contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("https://cellpath.org/problems/invalid-request"))
            .andExpect(jsonPath("$.errors.length()").value(1))
            .andExpect(jsonPath("$.errors[0].field").value(field))
            .andExpect(jsonPath("$.errors[0].message").value("has the wrong type or format"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String value = body.substring(body.lastIndexOf(':') + 1).replaceAll("[\\]}\"]", "");
    assertThat(answer).as(what).doesNotContain(value.isEmpty() ? "\"\"" : value);
  }

  @Test
  void valuesOfTheirOwnTypeAreRead() throws Exception {
    mvc.perform(
            post("/typed")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
            {"kind":"HARVEST","minutes":45,"consent":true,"name":"Ana","weight":70,"day":"1971-03-14",
             "items":[{"kind":"INJECTION"}]}
            """))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.kind").value("HARVEST"))
        .andExpect(jsonPath("$.minutes").value(45))
        .andExpect(jsonPath("$.weight").value(70.0))
        .andExpect(jsonPath("$.items[0].kind").value("INJECTION"));
  }

  @Test
  void everyServiceGetsTheStrictMapperFromTheWebAutoConfiguration() {
    new WebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                JacksonAutoConfiguration.class, WebSupportAutoConfiguration.class))
        .run(
            context -> {
              JsonMapper mapper = context.getBean(JsonMapper.class);
              assertThatThrownBy(() -> mapper.readValue("{\"kind\":1}", Typed.class))
                  .isInstanceOf(DatabindException.class);
              assertThatThrownBy(() -> mapper.readValue("{\"minutes\":3.9}", Typed.class))
                  .isInstanceOf(DatabindException.class);
              assertThat(mapper.readValue("{\"kind\":\"HARVEST\",\"minutes\":3}", Typed.class))
                  .isEqualTo(new Typed(Kind.HARVEST, 3, null, null, null, null, null));
            });
  }

  @Test
  void aCallerOverItsLimitGets429WithRetryAfterInWholeSeconds() throws Exception {
    mvc.perform(
            post("/limited").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}"))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().string("Retry-After", "3"))
        .andExpect(jsonPath("$.title").value("Too many requests"));
  }

  record Thing(String name) {}

  enum Kind {
    HARVEST,
    INJECTION
  }

  record Item(Kind kind) {}

  record Typed(
      Kind kind,
      Integer minutes,
      Boolean consent,
      String name,
      Double weight,
      LocalDate day,
      List<Item> items) {}

  @RestController
  static class Endpoints {

    @PostMapping("/things")
    Thing create(@RequestBody Thing thing) {
      return thing;
    }

    @PostMapping("/typed")
    Typed typed(@RequestBody Typed typed) {
      return typed;
    }

    @PostMapping("/limited")
    Thing limited(@RequestBody Thing thing) {
      throw new TooManyRequestsException(Duration.ofMillis(2_100));
    }
  }
}
