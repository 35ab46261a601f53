package org.cellpath.scheduling.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cellpath.scheduling.SchedulerApi;
import org.cellpath.scheduling.SchedulerApi.Reply;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.OversizedBody;
import org.cellpath.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one request may ask of scheduling-service: a body far larger than any scheduling request is
 * refused with 413 before it is read, announced or chunked, and creates nothing; every list has a
 * maximum, and a larger one (2^31 included) is a 400 naming the parameter.
 */
@IntegrationTest
class RequestLimitsIT {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void fiftyMegabytesOfSlotTemplateAreRefusedWith413UnreadAndCreateNothing() throws IOException {
    long slots = jdbc.sql("select count(*) from slot").query(Long.class).single();
    Map<String, String> scheduler =
        Map.of("Authorization", TestTokens.bearer(TestTokens.scheduler()));

    for (OversizedBody.Answer answer :
        List.of(
            OversizedBody.announced(
                port,
                "POST",
                "/api/slots/template",
                scheduler,
                "kind",
                OversizedBody.FIFTY_MEGABYTES),
            OversizedBody.chunked(
                port,
                "POST",
                "/api/slots/template",
                scheduler,
                "kind",
                OversizedBody.FIFTY_MEGABYTES))) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(413);
      assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
      assertThat(json.readTree(answer.body()).get("type").asString())
          .isEqualTo("https://cellpath.org/problems/body-too-large");
      assertThat(answer.bytesSentBeforeAnswer())
          .isLessThan(OversizedBody.mostSentWhenTheServerRead(OversizedBody.A_MEGABYTE));
    }
    assertThat(jdbc.sql("select count(*) from slot").query(Long.class).single()).isEqualTo(slots);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/api/clinicians?limit=2147483648",
        "/api/clinicians?limit=501",
        "/api/clinicians?limit=0",
        "/api/sites?limit=2147483648",
        "/api/sites?limit=501",
        "/api/sites/SITE/rooms?limit=2147483648",
        "/api/sites/SITE/rooms?limit=501",
        "/api/waitlist?limit=2147483648",
        "/api/waitlist?limit=501"
      })
  void aListLongerThanItsMaximumIsA400NamingTheParameter(String uri) {
    SchedulerApi api = SchedulerApi.asScheduler(port);
    UUID site = api.site("Limits " + UUID.randomUUID(), "America/Los_Angeles");

    Reply reply = api.get(uri.replace("SITE", site.toString()));

    assertThat(reply.status()).as(reply.bodyText()).isEqualTo(400);
    assertThat(reply.headers().getContentType().toString()).startsWith("application/problem+json");
    assertThat(reply.body().get("errors").findValuesAsString("field")).containsExactly("limit");
  }

  @Test
  void aSlotListingWindowLongerThanItsMaximumIsA400NamingTo() {
    Reply reply = SchedulerApi.asScheduler(port).get("/api/slots?from=2027-01-01&to=2099-12-31");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().get("errors").findValuesAsString("field")).containsExactly("to");
  }

  @Test
  void aListGivesAtMostItsLimit() {
    SchedulerApi api = SchedulerApi.asScheduler(port);
    api.clinician("Dr One " + UUID.randomUUID());
    api.clinician("Dr Two " + UUID.randomUUID());

    assertThat(api.get("/api/clinicians?limit=1").body().size()).isEqualTo(1);
    assertThat(api.get("/api/clinicians").body().size()).isGreaterThanOrEqualTo(2);
  }
}
