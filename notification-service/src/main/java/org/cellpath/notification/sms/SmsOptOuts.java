package org.cellpath.notification.sms;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Mobile numbers that opted out of SMS (table {@code sms_opt_out}); they get email instead. */
@Repository
public class SmsOptOuts {

  private final JdbcClient jdbc;

  SmsOptOuts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Whether the number opted out. */
  public boolean isOptedOut(String phone) {
    return jdbc.sql("select exists (select 1 from sms_opt_out where phone = :phone)")
        .param("phone", phone)
        .query(Boolean.class)
        .single();
  }

  /**
   * Records the opt-out.
   *
   * @return false when the number had already opted out
   */
  public boolean optOut(String phone, Instant now) {
    return jdbc.sql(
                """
            insert into sms_opt_out (phone, opted_out_at) values (:phone, :now)
            on conflict (phone) do nothing
            """)
            .param("phone", phone)
            .param("now", now.atOffset(ZoneOffset.UTC))
            .update()
        == 1;
  }

  /**
   * Undoes the opt-out (START, UNSTOP).
   *
   * @return false when the number was not opted out
   */
  public boolean optIn(String phone) {
    return jdbc.sql("delete from sms_opt_out where phone = :phone").param("phone", phone).update()
        == 1;
  }
}
