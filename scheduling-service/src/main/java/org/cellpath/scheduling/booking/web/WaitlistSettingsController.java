package org.cellpath.scheduling.booking.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.cellpath.audit.AuditTarget;
import org.cellpath.audit.RequestAudit;
import org.cellpath.scheduling.audit.SchedulingAction;
import org.cellpath.scheduling.booking.WaitlistMode;
import org.cellpath.scheduling.booking.WaitlistSettings;
import org.cellpath.scheduling.booking.WaitlistSettingsStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The clinic's waitlist setting (docs/configuration.md): automatic booking or offers, and how long
 * an offer holds its pair. Schedulers read and change it; a change is audited as theirs and applies
 * from the waitlist's next turn (open offers keep their hold).
 */
@RestController
@RequestMapping("/api/clinic/waitlist-settings")
class WaitlistSettingsController {

  private final WaitlistSettingsStore settings;
  private final RequestAudit audit;

  WaitlistSettingsController(WaitlistSettingsStore settings, RequestAudit audit) {
    this.settings = settings;
    this.audit = audit;
  }

  @GetMapping
  SettingsBody read() {
    return SettingsBody.of(settings.current());
  }

  /**
   * @throws org.cellpath.domain.InvalidValueException naming {@code offerHold} outside PT1M..PT72H
   */
  @PutMapping
  SettingsBody change(@Valid @RequestBody SettingsBody body) {
    return SettingsBody.of(
        audit.audited(
            SchedulingAction.WAITLIST_SETTINGS_CHANGE,
            SchedulingAction.CLINIC_SETTING,
            AuditTarget.of("waitlist"),
            changed -> AuditTarget.of("waitlist"),
            () -> settings.change(new WaitlistSettings(body.mode(), body.offerHold()))));
  }

  /**
   * @param offerHold an ISO-8601 duration, {@code PT4H} by default
   */
  record SettingsBody(@NotNull WaitlistMode mode, @NotNull Duration offerHold) {

    static SettingsBody of(WaitlistSettings settings) {
      return new SettingsBody(settings.mode(), settings.offerHold());
    }
  }
}
