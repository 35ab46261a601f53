package org.cellpath.referral.intake.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.cellpath.domain.Npi;

/**
 * A National Provider Identifier with a valid check digit ({@link Npi}); null is left to
 * {@code @NotNull}.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidNpi.Validator.class)
public @interface ValidNpi {

  String message() default Npi.RULE;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<ValidNpi, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || Npi.isValid(value);
    }
  }
}
