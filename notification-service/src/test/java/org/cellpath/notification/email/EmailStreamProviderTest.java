package org.cellpath.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

/**
 * The email channel names Jakarta Mail's stream provider, so that no message pays for a
 * ServiceLoader scan.
 */
class EmailStreamProviderTest {

  @Test
  void loadingTheEmailChannelNamesAngusMailsStreamProviderAndJakartaMailFindsIt() throws Exception {
    Class.forName(EmailChannel.class.getName(), true, EmailChannel.class.getClassLoader());

    assertThat(System.getProperty(EmailChannel.STREAM_PROVIDER_PROPERTY))
        .isEqualTo(EmailChannel.ANGUS_STREAM_PROVIDER);
    // A wrong class name would make every message fail here instead of falling back to the scan.
    assertThat(StreamProvider.provider().getClass().getName())
        .isEqualTo(EmailChannel.ANGUS_STREAM_PROVIDER);
  }
}
