package org.cellpath.console.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.cellpath.console.api.FieldProblem;
import org.springframework.context.MessageSource;

/**
 * A service's field messages placed next to the form's fields ({@code
 * ${errors.has('patient.email')}}). Each field's messages get an element id that the field's {@code
 * aria-describedby} names, and every message is also in the summary at the top of the form, linked
 * to its field. A message for a field the form does not show stays in the summary alone.
 */
public final class FieldErrors {

  /** One message, with the label of the field it belongs to, for the summary. */
  public record Entry(String field, String label, String message, String anchor) {}

  private static final FieldErrors NONE = new FieldErrors(Map.of(), List.of());

  private final Map<String, List<String>> byField;
  private final List<Entry> summary;

  private FieldErrors(Map<String, List<String>> byField, List<Entry> summary) {
    this.byField = byField;
    this.summary = summary;
  }

  public static FieldErrors none() {
    return NONE;
  }

  /**
   * @param fieldOf where the form shows a service field: the form's own name for it (the services'
   *     names are the form's names, except for rule-level fields such as {@code patient.reachable})
   * @param messages translates the services' English messages where a translation exists ({@code
   *     api.*} keys)
   */
  public static FieldErrors of(
      List<FieldProblem> problems,
      UnaryOperator<String> fieldOf,
      MessageSource messages,
      Locale locale) {
    Map<String, List<String>> byField = new LinkedHashMap<>();
    List<Entry> summary = new ArrayList<>();
    for (FieldProblem problem : problems) {
      String field = fieldOf.apply(problem.field());
      String message = translate(problem.message(), messages, locale);
      byField.computeIfAbsent(field, name -> new ArrayList<>()).add(message);
      String label = messages.getMessage(labelKey(field), null, field, locale);
      summary.add(new Entry(field, label, message, id(field)));
    }
    return new FieldErrors(byField, List.copyOf(summary));
  }

  /**
   * Errors the console found itself (a sign-in or a form field it checks before calling), already
   * translated.
   */
  public static FieldErrors local(
      Map<String, String> messagesByField, MessageSource messages, Locale locale) {
    Map<String, List<String>> byField = new LinkedHashMap<>();
    List<Entry> summary = new ArrayList<>();
    messagesByField.forEach(
        (field, message) -> {
          byField.computeIfAbsent(field, name -> new ArrayList<>()).add(message);
          summary.add(
              new Entry(
                  field,
                  messages.getMessage(labelKey(field), null, field, locale),
                  message,
                  id(field)));
        });
    return new FieldErrors(byField, List.copyOf(summary));
  }

  public boolean any() {
    return !summary.isEmpty();
  }

  public boolean has(String field) {
    return byField.containsKey(field);
  }

  public List<String> of(String field) {
    return byField.getOrDefault(field, List.of());
  }

  public List<Entry> summary() {
    return summary;
  }

  /** The id of the element holding a field's messages, such as {@code error-patient-email}. */
  public String errorId(String field) {
    return "error-" + field.replaceAll("[^A-Za-z0-9]+", "-");
  }

  /**
   * The id Spring gives the field's input ({@code conservativeCare[0].startDate} becomes {@code
   * conservativeCare0.startDate}).
   */
  public static String id(String field) {
    return field.replace("[", "").replace("]", "");
  }

  /** {@link #id} for the pages. */
  public String inputId(String field) {
    return id(field);
  }

  /** The id of the element holding a field's hint. */
  public String hintId(String field) {
    return "hint-" + field.replaceAll("[^A-Za-z0-9]+", "-");
  }

  /**
   * The field's {@code aria-describedby}: its hint and its messages; null (no attribute) when it
   * has neither.
   */
  public String describedBy(String field, boolean hint) {
    String ids = ((hint ? hintId(field) : "") + (has(field) ? " " + errorId(field) : "")).strip();
    return ids.isEmpty() ? null : ids;
  }

  /**
   * The message key of a field's label: indexes left out ({@code
   * field.conservativeCare.startDate}).
   */
  static String labelKey(String field) {
    return "field." + field.replaceAll("\\[\\d+]", "");
  }

  /**
   * The Spanish page shows the Spanish text of the services' well-known messages (key {@code api.}
   * and the message in lower case with dashes); any other message, and every message on the English
   * page, as the service wrote it.
   */
  static String translate(String message, MessageSource messages, Locale locale) {
    if (message == null || message.isBlank()) {
      return messages.getMessage("api.invalid", null, "is invalid", locale);
    }
    String key =
        "api."
            + message
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    return messages.getMessage(key, null, message, locale);
  }
}
