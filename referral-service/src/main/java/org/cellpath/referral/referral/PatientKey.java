package org.cellpath.referral.referral;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Who the patient is, for duplicate detection: a SHA-256 of the normalized names and date of birth,
 * so that the column that is searched holds nothing readable.
 */
public final class PatientKey {

  private PatientKey() {}

  public static String of(ReferralDetails.Patient patient) {
    String identity =
        normalize(patient.givenName())
            + "|"
            + normalize(patient.familyName())
            + "|"
            + patient.dateOfBirth();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  private static String normalize(String name) {
    return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
  }
}
