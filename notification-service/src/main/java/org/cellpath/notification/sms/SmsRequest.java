package org.cellpath.notification.sms;

import java.util.Objects;

/**
 * The provider's request body: {@code {"to", "from", "text", "reference"}}.
 *
 * @param to the recipient in E.164 ({@code +15550100123})
 * @param reference our notification id; the provider echoes it and we send it as {@code
 *     Idempotency-Key}
 */
public record SmsRequest(String to, String from, String text, String reference) {

  public SmsRequest {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(reference, "reference");
  }

  /** Without the number and the text. */
  @Override
  public String toString() {
    return "SmsRequest[reference=" + reference + "]";
  }
}
