package org.cellpath.scheduling.agenda;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a scheduler needs to call the patient of a case, and nothing clinical: no diagnosis, no
 * findings, not even the email (docs/domain.md §8, ADR 34).
 *
 * @param mobilePhone E.164; null when the patient gave none
 * @param language {@code en} or {@code es}: the language to speak on the phone
 */
public record Contact(
    UUID referralId,
    String givenName,
    String familyName,
    @Nullable String mobilePhone,
    String language) {}
