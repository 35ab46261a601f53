package org.cellpath.notification.sms;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code cellpath.notifications.sms-provider}.
 *
 * @param url the provider's base URL; messages go to {@code POST {url}/messages}
 * @param apiKey the bearer token for the provider; never logged
 * @param sender the number (or sender id) the patient sees the SMS from
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer; short, since the message row stays locked
 *     meanwhile
 */
@ConfigurationProperties("cellpath.notifications.sms-provider")
public record SmsProviderProperties(
    URI url, String apiKey, String sender, Duration connectTimeout, Duration readTimeout) {

  public SmsProviderProperties {
    url = url == null ? URI.create("http://localhost:8026") : url;
    apiKey = apiKey == null ? "" : apiKey;
    sender = sender == null ? "" : sender;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || readTimeout.isNegative()
        || readTimeout.isZero()) {
      throw new IllegalArgumentException(
          "cellpath.notifications.sms-provider: timeouts must be positive");
    }
  }

  /** Without the API key, so that printing the settings never leaks it. */
  @Override
  public String toString() {
    return "SmsProviderProperties[url="
        + url
        + ", apiKey="
        + (apiKey.isEmpty() ? "" : "****")
        + ", sender="
        + sender
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + "]";
  }
}
