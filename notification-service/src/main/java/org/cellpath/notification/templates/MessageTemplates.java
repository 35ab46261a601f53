package org.cellpath.notification.templates;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cellpath.notification.delivery.RenderedMessage;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a message from its Thymeleaf templates ({@code mail/html/<name>.html}, {@code
 * mail/text/<name>.txt}, SMS texts {@code mail/sms/<name>.txt}) and the message bundles: {@code
 * mail/messages_<language>.properties} for patients, {@code mail/physician_en.properties} for
 * referring physicians (English only, and the one place clinical words such as the cell source may
 * appear). All wording lives in the bundles: Java passes values only.
 *
 * <p>A private engine rather than Boot's: Boot's is set up for web views (HTML only, {@code
 * templates/}, the web message source), and these templates must not be reachable as web views.
 */
@Component
public class MessageTemplates {

  /** Any run of white space, including the no-break spaces (U+00A0, U+202F) of localized times. */
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

  /**
   * The blocks the messages share: {@code mail/html/fragments.html} (referred to as {@code
   * ~{html/fragments :: signature}}) and, since TEXT mode can only insert whole templates, one file
   * a block in {@code mail/text/fragments/} ({@code ~{text/fragments/signature}}). The resolvers'
   * patterns match them as they match the messages; they are never a message of their own.
   */
  private static final String FRAGMENTS = "fragments";

  private final SpringTemplateEngine engine = new SpringTemplateEngine();
  private final ResourceBundleMessageSource bundles = new ResourceBundleMessageSource();

  public MessageTemplates() {
    bundles.setBasenames("mail/messages", "mail/physician");
    bundles.setDefaultEncoding(StandardCharsets.UTF_8.name());
    bundles.setFallbackToSystemLocale(false);
    bundles.setDefaultLocale(Locale.ENGLISH);
    // Every text goes through MessageFormat, with or without arguments, so quoting is the same in
    // all of them.
    bundles.setAlwaysUseMessageFormat(true);
    engine.addTemplateResolver(resolver("html/*", TemplateMode.HTML, 1));
    engine.addTemplateResolver(resolver("text/*", TemplateMode.TEXT, 2));
    engine.addTemplateResolver(resolver("sms/*", TemplateMode.TEXT, 3));
    engine.setTemplateEngineMessageSource(bundles);
  }

  /**
   * Renders the subject ({@code <name>.subject} in the bundle), the plain text and the HTML
   * alternative.
   *
   * @param name the template name, for example {@code booking-confirmation}
   * @param subjectArguments the values the subject text refers to
   */
  public RenderedMessage render(
      String name, Locale locale, Map<String, Object> variables, Object... subjectArguments) {
    return renderWithSubject(name, name + ".subject", locale, variables, subjectArguments);
  }

  /**
   * Renders like {@link #render}, with the subject taken from another bundle key: for one template
   * whose subject depends on a value, for example a status.
   */
  public RenderedMessage renderWithSubject(
      String name,
      String subjectKey,
      Locale locale,
      Map<String, Object> variables,
      Object... subjectArguments) {
    if (name.equals(FRAGMENTS) || name.startsWith(FRAGMENTS + "/")) {
      throw new IllegalArgumentException("Not a message: the blocks the messages share");
    }
    String subject = bundles.getMessage(subjectKey, subjectArguments, locale);
    Context context = new Context(locale, variables);
    context.setVariable("subject", subject);
    context.setVariable("lang", locale.getLanguage());
    return new RenderedMessage(
        subject,
        engine.process("text/" + name, context).strip(),
        engine.process("html/" + name, context));
  }

  /**
   * Renders an SMS text from {@code mail/sms/<name>.txt}: one line, whitespace runs (line ends of
   * the template, the no-break spaces some locales put in times) made single spaces, so what is
   * counted is what is sent.
   */
  public String renderSms(String name, Locale locale, Map<String, Object> variables) {
    Context context = new Context(locale, variables);
    return WHITESPACE.matcher(engine.process("sms/" + name, context)).replaceAll(" ").strip();
  }

  /**
   * One text of the bundle, for values a template does not render itself (calendar texts, date
   * patterns).
   */
  public String message(String key, Locale locale, Object... arguments) {
    return bundles.getMessage(key, arguments, locale);
  }

  private static ClassLoaderTemplateResolver resolver(
      String pattern, TemplateMode mode, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("mail/");
    resolver.setSuffix(mode == TemplateMode.HTML ? ".html" : ".txt");
    resolver.setResolvablePatterns(Set.of(pattern));
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resolver.setCheckExistence(true);
    resolver.setCacheable(true);
    resolver.setOrder(order);
    return resolver;
  }
}
