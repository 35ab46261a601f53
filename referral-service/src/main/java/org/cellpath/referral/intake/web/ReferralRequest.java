package org.cellpath.referral.intake.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.DayPart;
import org.cellpath.contracts.Side;
import org.cellpath.domain.EmailAddress;
import org.cellpath.domain.Npi;
import org.cellpath.domain.PhoneNumber;
import org.cellpath.referral.referral.CareResult;
import org.cellpath.referral.referral.Condition;
import org.cellpath.referral.referral.Coverage;
import org.cellpath.referral.referral.HealthFactor;
import org.cellpath.referral.referral.Modality;
import org.cellpath.referral.referral.ReferralDetails;
import org.cellpath.referral.referral.Sex;

/**
 * A referral as the physician submits or amends it (docs/domain.md §1): the request body. Every
 * bound is explicit, so that a bad request is answered field by field, every bad field at once, and
 * nothing unbounded is stored; a valid request becomes the referral's {@link ReferralDetails}.
 */
@ReferralRequest.CompleteForCondition
record ReferralRequest(
    @NotNull @Valid Patient patient,
    @NotNull @Valid Physician physician,
    @NotNull Condition condition,
    @NotNull Side side,
    @Pattern(
            regexp = "[A-TV-Z][0-9][0-9AB](\\.[0-9A-TV-Z]{1,4})?",
            message = "must be an ICD-10-CM code")
        String icd10Code,
    @PastOrPresent LocalDate symptomOnset,
    @Min(1) @Max(4) Integer kellgrenLawrenceGrade,
    @PastOrPresent LocalDate fractureDate,
    @NotNull @Size(max = 20) List<@NotNull @Valid ConservativeCare> conservativeCare,
    @PastOrPresent LocalDate lastCorticosteroidInjection,
    @NotNull @Size(max = 8) Set<@NotNull HealthFactor> healthFactors,
    Boolean priorSurgery,
    @Size(max = 1000) String priorSurgeryNote,
    @NotNull CellSource preferredCellSource,
    @NotNull Coverage expectedCoverage,
    Boolean selfPayAcknowledged,
    @Valid Preferences schedulingPreferences) {

  /** The referral this valid request describes. */
  ReferralDetails toDetails() {
    return new ReferralDetails(
        patient.toDetails(),
        physician.toDetails(),
        condition,
        side,
        icd10Code,
        symptomOnset,
        kellgrenLawrenceGrade,
        fractureDate,
        conservativeCare.stream().map(ConservativeCare::toDetails).toList(),
        lastCorticosteroidInjection,
        healthFactors,
        priorSurgery,
        priorSurgeryNote,
        preferredCellSource,
        expectedCoverage,
        selfPayAcknowledged,
        schedulingPreferences == null ? null : schedulingPreferences.toDetails());
  }

  /**
   * The answers the pre-screen needs for the condition: a Kellgren-Lawrence grade for
   * osteoarthritis (without it a grade 4 joint would pass as likely eligible), the fracture date
   * for a fracture (without it the 90 days cannot be counted). Each missing answer is reported on
   * its own field.
   */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = CompleteForCondition.Validator.class)
  public @interface CompleteForCondition {

    String message() default "is required for this condition";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CompleteForCondition, ReferralRequest> {
      @Override
      public boolean isValid(ReferralRequest referral, ConstraintValidatorContext context) {
        if (referral == null) {
          return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        if (referral.condition() == Condition.ANKLE_OSTEOARTHRITIS
            && referral.kellgrenLawrenceGrade() == null) {
          context
              .buildConstraintViolationWithTemplate("is required for ankle osteoarthritis")
              .addPropertyNode("kellgrenLawrenceGrade")
              .addConstraintViolation();
          valid = false;
        }
        if (referral.condition() == Condition.NON_HEALING_FRACTURE
            && referral.fractureDate() == null) {
          context
              .buildConstraintViolationWithTemplate("is required for a non-healing fracture")
              .addPropertyNode("fractureDate")
              .addConstraintViolation();
          valid = false;
        }
        return valid;
      }
    }
  }

  /** The patient and how to reach them. At least one of mobile phone and email. */
  record Patient(
      @NotBlank @Size(max = 100) String givenName,
      @NotBlank @Size(max = 100) String familyName,
      @NotNull @Past LocalDate dateOfBirth,
      @NotNull Sex sex,
      @ValidPhoneNumber String mobilePhone,
      @ValidEmailAddress @Size(max = EmailAddress.MAX_LENGTH) String email,
      @NotNull @Pattern(regexp = "en|es", message = "must be en or es") String language,
      ContactChannel preferredChannel,
      Boolean smsConsent,
      @Size(max = 64) String timeZone) {

    @JsonIgnore
    @AssertTrue(message = "needs a mobile phone or an email")
    public boolean isReachable() {
      return (mobilePhone != null && !mobilePhone.isBlank()) || (email != null && !email.isBlank());
    }

    @JsonIgnore
    @AssertTrue(message = "must be an IANA time zone such as America/Los_Angeles")
    public boolean isTimeZoneKnown() {
      if (timeZone == null) {
        return true;
      }
      try {
        ZoneId.of(timeZone);
        return true;
      } catch (DateTimeException e) {
        return false;
      }
    }

    /** An address left blank is no address (the patient is reached by phone). */
    ReferralDetails.Patient toDetails() {
      return new ReferralDetails.Patient(
          givenName,
          familyName,
          dateOfBirth,
          sex,
          mobilePhone == null ? null : new PhoneNumber(mobilePhone),
          email == null || email.isBlank() ? null : new EmailAddress(email),
          language,
          preferredChannel,
          smsConsent,
          timeZone);
    }
  }

  /** The referring physician. */
  record Physician(
      @NotBlank @Size(max = 200) String name,
      @NotNull @ValidNpi String npi,
      @NotBlank @Size(max = 200) String practice,
      @ValidPhoneNumber String phone,
      @NotBlank @ValidEmailAddress @Size(max = EmailAddress.MAX_LENGTH) String email) {

    ReferralDetails.Physician toDetails() {
      return new ReferralDetails.Physician(
          name,
          new Npi(npi),
          practice,
          phone == null ? null : new PhoneNumber(phone),
          new EmailAddress(email));
    }
  }

  /** One course of conservative care; no end date means ongoing. */
  record ConservativeCare(
      @NotNull Modality modality,
      @NotNull @PastOrPresent LocalDate startDate,
      @PastOrPresent LocalDate endDate,
      CareResult result) {

    @JsonIgnore
    @AssertTrue(message = "must not end before it starts")
    public boolean isChronological() {
      return startDate == null || endDate == null || !endDate.isBefore(startDate);
    }

    ReferralDetails.ConservativeCare toDetails() {
      return new ReferralDetails.ConservativeCare(modality, startDate, endDate, result);
    }
  }

  /** When the patient can come; empty means any time. */
  record Preferences(
      @Size(max = 7) Set<@NotNull DayOfWeek> weekdays,
      @Size(max = 2) Set<@NotNull DayPart> dayParts) {

    ReferralDetails.Preferences toDetails() {
      return new ReferralDetails.Preferences(weekdays, dayParts);
    }
  }
}
