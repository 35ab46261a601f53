package org.cellpath.scheduling.booking;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code clinic_waitlist_setting} row. Read at every waitlist turn (one primary-key read), so a
 * change applies from the next turn on, in every instance.
 */
@Repository
public class WaitlistSettingsStore {

  private final JdbcClient jdbc;

  WaitlistSettingsStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public WaitlistSettings current() {
    return jdbc.sql("select mode, offer_hold_seconds from clinic_waitlist_setting")
        .query(
            (rs, row) ->
                new WaitlistSettings(
                    WaitlistMode.valueOf(rs.getString("mode")),
                    Duration.ofSeconds(rs.getInt("offer_hold_seconds"))))
        .single();
  }

  /** Changes the setting; open offers keep the hold they were made with. */
  @Transactional
  public WaitlistSettings change(WaitlistSettings settings) {
    jdbc.sql(
            """
            update clinic_waitlist_setting set mode = ?, offer_hold_seconds = ?, updated_at = now()
            """)
        .param(settings.mode().name())
        .param((int) settings.offerHold().toSeconds())
        .update();
    return settings;
  }
}
