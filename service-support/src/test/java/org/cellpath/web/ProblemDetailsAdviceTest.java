package org.cellpath.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The problem details of an unknown field and of a rate limit, as every service answers them. */
class ProblemDetailsAdviceTest {

  private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Endpoints())
      .setControllerAdvice(new ProblemDetailsAdvice())
      .setMessageConverters(new JacksonJsonHttpMessageConverter(
          JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)))
      .build();

  @Test
  void anUnknownOrServerOwnedFieldIsRefusedByName() throws Exception {
    mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"slot\",\"status\":\"BOOKED\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("status"))
        .andExpect(jsonPath("$.errors[0].message").value("is not a field of this request"))
        .andExpect(jsonPath("$.detail").value("Invalid field(s): status"));
  }

  @Test
  void aCallerOverItsLimitGets429WithRetryAfterInWholeSeconds() throws Exception {
    mvc.perform(post("/limited").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}"))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().string("Retry-After", "3"))
        .andExpect(jsonPath("$.title").value("Too many requests"));
  }

  record Thing(String name) {}

  @RestController
  static class Endpoints {

    @PostMapping("/things")
    Thing create(@RequestBody Thing thing) {
      return thing;
    }

    @PostMapping("/limited")
    Thing limited(@RequestBody Thing thing) {
      throw new TooManyRequestsException(Duration.ofMillis(2_100));
    }
  }
}
