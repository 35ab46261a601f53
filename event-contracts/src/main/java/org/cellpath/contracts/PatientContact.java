package org.cellpath.contracts;

/**
 * What it takes to reach a patient, and nothing clinical: notification-service must never learn the
 * diagnosis.
 *
 * @param language {@code en} or {@code es}
 * @param mobilePhone E.164, or null when the patient gave none
 * @param email or null when the patient gave none
 * @param timeZone IANA zone id, for example {@code America/Los_Angeles}
 */
public record PatientContact(
    String givenName,
    String familyName,
    String email,
    String mobilePhone,
    String language,
    ContactChannel preferredChannel,
    boolean smsConsent,
    String timeZone) {}
