package org.cellpath.referral.referral;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import com.fasterxml.jackson.annotation.JsonIgnore;
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
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.PhysicianContact;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.contracts.Side;
import org.cellpath.domain.EmailAddress;

/**
 * A referral as the physician submits it (docs/domain.md §1), which is also what the review reads. Every bound is
 * explicit, so that a bad request is answered field by field and nothing unbounded is stored.
 */
@ReferralDetails.CompleteForCondition
public record ReferralDetails(
    @NotNull @Valid Patient patient,
    @NotNull @Valid Physician physician,
    @NotNull Condition condition,
    @NotNull Side side,
    @Pattern(regexp = "[A-TV-Z][0-9][0-9AB](\\.[0-9A-TV-Z]{1,4})?", message = "must be an ICD-10-CM code")
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

  /** Yes/no answers left out mean no, so that a missing answer is never read as consent. */
  public ReferralDetails {
    priorSurgery = Boolean.TRUE.equals(priorSurgery);
    selfPayAcknowledged = Boolean.TRUE.equals(selfPayAcknowledged);
  }

  /**
   * The answers the pre-screen needs for the condition: a Kellgren-Lawrence grade for osteoarthritis (without it a
   * grade 4 joint would pass as likely eligible), the fracture date for a fracture (without it the 90 days cannot be
   * counted). Each missing answer is reported on its own field.
   */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = CompleteForCondition.Validator.class)
  public @interface CompleteForCondition {

    String message() default "is required for this condition";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CompleteForCondition, ReferralDetails> {
      @Override
      public boolean isValid(ReferralDetails referral, ConstraintValidatorContext context) {
        if (referral == null) {
          return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        if (referral.condition() == Condition.ANKLE_OSTEOARTHRITIS && referral.kellgrenLawrenceGrade() == null) {
          context.buildConstraintViolationWithTemplate("is required for ankle osteoarthritis")
              .addPropertyNode("kellgrenLawrenceGrade").addConstraintViolation();
          valid = false;
        }
        if (referral.condition() == Condition.NON_HEALING_FRACTURE && referral.fractureDate() == null) {
          context.buildConstraintViolationWithTemplate("is required for a non-healing fracture")
              .addPropertyNode("fractureDate").addConstraintViolation();
          valid = false;
        }
        return valid;
      }
    }
  }

  /** The patient and how to reach them. At least one of mobile phone and email. */
  public record Patient(
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

    public Patient {
      smsConsent = Boolean.TRUE.equals(smsConsent);
    }

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

    /** What notifications need: contact and language, nothing clinical. */
    public PatientContact contact(ZoneId clinicZone) {
      ContactChannel channel = preferredChannel != null ? preferredChannel
          : email != null ? ContactChannel.EMAIL : ContactChannel.SMS;
      return new PatientContact(givenName, familyName, email, mobilePhone, language, channel, smsConsent,
          timeZone != null ? timeZone : clinicZone.getId());
    }
  }

  /** The referring physician. */
  public record Physician(
      @NotBlank @Size(max = 200) String name,
      @NotNull @ValidNpi String npi,
      @NotBlank @Size(max = 200) String practice,
      @ValidPhoneNumber String phone,
      @NotBlank @ValidEmailAddress @Size(max = EmailAddress.MAX_LENGTH) String email) {

    public PhysicianContact contact() {
      return new PhysicianContact(name, practice, email, phone);
    }
  }

  /** One course of conservative care; no end date means ongoing. */
  public record ConservativeCare(
      @NotNull Modality modality,
      @NotNull @PastOrPresent LocalDate startDate,
      @PastOrPresent LocalDate endDate,
      CareResult result) {

    @JsonIgnore
    @AssertTrue(message = "must not end before it starts")
    public boolean isChronological() {
      return startDate == null || endDate == null || !endDate.isBefore(startDate);
    }
  }

  /** When the patient can come; empty means any time. */
  public record Preferences(@Size(max = 7) Set<@NotNull DayOfWeek> weekdays, @Size(max = 2) Set<@NotNull DayPart> dayParts) {

    public SchedulingPreferences toContract() {
      return new SchedulingPreferences(weekdays, dayParts);
    }
  }

  public SchedulingPreferences preferences() {
    return schedulingPreferences != null ? schedulingPreferences.toContract() : SchedulingPreferences.any();
  }
}
