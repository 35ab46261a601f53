package org.cellpath.notification.sms;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.cellpath.notification.delivery.FailureCode;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * One HTTP call to the SMS provider: {@code POST {url}/messages} with a bearer key, the
 * notification id as {@code Idempotency-Key} (so that the provider can drop a resend after a
 * timeout), and the message as JSON. No retries here; {@link SmsGateway} decides those.
 *
 * <p>Outcomes: 2xx accepted; 400 {@code INVALID_ADDRESS} and 422 {@code RECIPIENT_REJECTED}
 * (final); 401 and 403 {@code PROVIDER_AUTH_FAILED}; 429, 502, 503, 504, I/O errors and timeouts
 * {@code PROVIDER_UNAVAILABLE}, other 5xx {@code PROVIDER_ERROR} (transient, with the provider's
 * {@code Retry-After} when it sent one); any other status {@code PROVIDER_ERROR}. The provider's
 * answer body is never read into an exception: it may quote the number.
 */
@Component
class SmsProviderClient implements DisposableBean {

  /** delay-seconds: digits only (RFC 9110 section 10.2.3). */
  private static final Pattern DELAY_SECONDS = Pattern.compile("[0-9]+");

  private final ExecutorService exchanges =
      Executors.newCachedThreadPool(new Named("sms-provider-"));
  private final RestClient http;
  private final String bearer;
  private final String sender;
  private final Clock clock;

  SmsProviderClient(SmsProviderProperties properties, Clock clock) {
    // The client's own executor, with kept threads, also writes request bodies (Spring's request
    // factory uses it).
    // Without one, JFR under load showed two new threads started per call: a body writer, and an
    // async stage on
    // CompletableFuture's thread-per-task default (which it uses on machines with fewer than 3
    // cores).
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(exchanges)
            .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
    requests.setReadTimeout(properties.readTimeout());
    this.http =
        RestClient.builder().baseUrl(properties.url().toString()).requestFactory(requests).build();
    this.bearer = "Bearer " + properties.apiKey();
    this.sender = properties.sender();
    this.clock = clock;
  }

  /**
   * Hands one SMS to the provider.
   *
   * @throws SmsProviderUnavailableException when another call may succeed
   * @throws SmsProviderException when the provider refused it for a reason a retry now cannot fix
   */
  void send(String to, String text, String reference) {
    SmsRequest body = new SmsRequest(to, sender, text, reference);
    try {
      http.post()
          .uri("/messages")
          .contentType(MediaType.APPLICATION_JSON)
          .accept(MediaType.APPLICATION_JSON)
          .header(HttpHeaders.AUTHORIZATION, bearer)
          .header("Idempotency-Key", reference)
          .body(body)
          .exchange(
              (request, response) -> {
                int status = response.getStatusCode().value();
                if (status >= 200 && status < 300) {
                  return null;
                }
                throw failure(status, response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
              },
              true);
    } catch (SmsProviderException e) {
      throw e;
    } catch (ResourceAccessException e) {
      // The message of an I/O failure names the URL and the cause's class; keep only the kind.
      boolean timeout =
          causedBy(e, HttpTimeoutException.class)
              || causedBy(e, java.net.SocketTimeoutException.class);
      throw new SmsProviderUnavailableException(
          FailureCode.PROVIDER_UNAVAILABLE,
          0,
          null,
          timeout ? "SMS provider timed out" : "SMS provider unreachable (" + rootClass(e) + ")",
          null);
    } catch (RestClientException e) {
      throw new SmsProviderException(
          FailureCode.PROVIDER_ERROR,
          0,
          null,
          "SMS provider call failed (" + e.getClass().getSimpleName() + ")",
          null);
    }
  }

  private SmsProviderException failure(int status, String retryAfterHeader) {
    Duration retryAfter = retryAfter(retryAfterHeader);
    String message = "SMS provider answered " + status;
    return switch (status) {
      case 400 ->
          new SmsProviderException(FailureCode.INVALID_ADDRESS, status, null, message, null);
      case 422 ->
          new SmsProviderException(FailureCode.RECIPIENT_REJECTED, status, null, message, null);
      case 401, 403 ->
          new SmsProviderException(FailureCode.PROVIDER_AUTH_FAILED, status, null, message, null);
      case 429, 502, 503, 504 ->
          new SmsProviderUnavailableException(
              FailureCode.PROVIDER_UNAVAILABLE, status, retryAfter, message, null);
      default ->
          status >= 500
              ? new SmsProviderUnavailableException(
                  FailureCode.PROVIDER_ERROR, status, retryAfter, message, null)
              : new SmsProviderException(
                  FailureCode.PROVIDER_ERROR, status, retryAfter, message, null);
    };
  }

  /**
   * {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 section 10.2.3); null when
   * absent or unreadable (a negative number is unreadable). Never throws: a number too large for a
   * {@code long} is the longest {@link Duration} there is, and the dispatcher cuts any wait to its
   * {@code retry-after-max}.
   */
  Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    if (DELAY_SECONDS.matcher(value).matches()) {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException tooLong) {
        return Duration.ofSeconds(Long.MAX_VALUE);
      }
    }
    try {
      Duration until =
          Duration.between(
              clock.instant(),
              ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      return until.isNegative() ? Duration.ZERO : until;
    } catch (DateTimeException unreadable) {
      return null;
    }
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootClass(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root instanceof IOException ? root.getClass().getSimpleName() : "I/O";
  }

  @Override
  public void destroy() {
    exchanges.shutdown();
  }

  /** Daemon threads with a name, so that thread dumps and profiles tell what they are. */
  private record Named(String prefix, AtomicInteger count)
      implements java.util.concurrent.ThreadFactory {
    Named(String prefix) {
      this(prefix, new AtomicInteger());
    }

    @Override
    public Thread newThread(Runnable work) {
      Thread thread = new Thread(work, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
