package org.cellpath.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.cellpath.console.api.FieldProblem;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class FieldErrorsTest {

  private static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename("messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }

  private static final List<FieldProblem> PROBLEMS =
      List.of(
          new FieldProblem("patient.email", "must be a well-formed email address"),
          new FieldProblem("conservativeCare[1].startDate", "a message no one has translated"));

  @Test
  void eachMessageIsTiedToItsFieldAndListedInTheSummaryWithTheFieldsLabel() {
    FieldErrors errors = FieldErrors.of(PROBLEMS, field -> field, messages(), Locale.ENGLISH);

    assertThat(errors.of("patient.email")).containsExactly("must be a well-formed email address");
    assertThat(errors.describedBy("patient.email", true))
        .isEqualTo("hint-patient-email error-patient-email");
    assertThat(errors.describedBy("patient.givenName", false)).isNull();
    assertThat(errors.summary())
        .extracting(FieldErrors.Entry::label)
        .containsExactly("Email", "Start date");
    assertThat(errors.summary())
        .extracting(FieldErrors.Entry::anchor)
        .containsExactly("patient.email", "conservativeCare1.startDate");
  }

  @Test
  void theSpanishPageShowsKnownMessagesInSpanishAndOthersAsTheServiceWroteThem() {
    FieldErrors errors =
        FieldErrors.of(PROBLEMS, field -> field, messages(), Locale.forLanguageTag("es"));

    assertThat(errors.of("patient.email"))
        .containsExactly("debe ser una dirección de correo válida");
    assertThat(errors.of("conservativeCare[1].startDate"))
        .containsExactly("a message no one has translated");
    assertThat(errors.summary())
        .extracting(FieldErrors.Entry::label)
        .containsExactly("Correo electrónico", "Fecha de inicio");
  }
}
