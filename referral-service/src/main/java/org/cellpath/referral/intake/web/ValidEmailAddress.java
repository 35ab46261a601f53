package org.cellpath.referral.intake.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.cellpath.domain.EmailAddress;

/**
 * A well-formed email address ({@link EmailAddress}); null and empty are left to {@code @NotBlank},
 * as Bean Validation's {@code @Email} left them.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidEmailAddress.Validator.class)
public @interface ValidEmailAddress {

  String message() default EmailAddress.RULE;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<ValidEmailAddress, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || value.isEmpty() || EmailAddress.isValid(value);
    }
  }
}
