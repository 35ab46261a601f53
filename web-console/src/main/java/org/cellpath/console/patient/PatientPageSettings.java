package org.cellpath.console.patient;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The patient pages' settings, under {@code cellpath.console.patient}.
 *
 * @param clinicName named on every patient page (env {@code CLINIC_NAME}, as notification-service)
 * @param clinicPhone the number every patient page gives (env {@code CLINIC_PHONE})
 * @param nsaidPauseDays how many days before the appointment the patient stops NSAIDs, as the
 *     emails say (env {@code NSAID_PAUSE_DAYS}; docs/domain.md §4)
 * @param ratePermits requests one client (address) may make to the patient pages per period (env
 *     {@code PATIENT_PAGE_RATE_PERMITS})
 * @param ratePeriod that period (env {@code PATIENT_PAGE_RATE_PERIOD})
 */
@ConfigurationProperties("cellpath.console.patient")
record PatientPageSettings(
    @DefaultValue("CellPath Foot & Ankle Clinic") String clinicName,
    @DefaultValue("+1 555 010 0100") String clinicPhone,
    @DefaultValue("7") int nsaidPauseDays,
    @DefaultValue("120") int ratePermits,
    @DefaultValue("10m") Duration ratePeriod) {}
