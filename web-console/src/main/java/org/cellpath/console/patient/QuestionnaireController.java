package org.cellpath.console.patient;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cellpath.console.api.ApiProblem;
import org.cellpath.console.api.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The patient's questionnaire, {@code /q/<token>}: one section of one instrument per page ("Part 2
 * of 7"), each Next saving that page's answers, so that closing the browser loses nothing; a last
 * page listing what is still blank, and Submit; then a thank-you. The link opens the first part
 * nothing is answered in yet (a part left partly blank on purpose is not asked again; the last page
 * lists its blanks). A questionnaire submitted shows the thank-you; one missed, stopped or closed
 * says so with the clinic's phone. The items' words are referral-service's, in the language it has
 * sourced words for; everything else is the console's, in the patient's language unless they switch
 * ({@code ?lang=}). Nothing here logs the address or an answer.
 */
@Controller
@RequestMapping("/q/{token}")
class QuestionnaireController {

  private static final Logger log = LoggerFactory.getLogger(QuestionnaireController.class);

  /** A radio button's name: the instrument, a dot, the item code ({@code FAOS.P3}). */
  private static final Pattern ITEM = Pattern.compile("[A-Z][A-Z0-9_]{0,30}\\.[A-Z][A-Z0-9]{0,10}");

  private final SurveyApi api;
  private final PatientPageSettings settings;

  QuestionnaireController(SurveyApi api, PatientPageSettings settings) {
    this.api = api;
    this.settings = settings;
  }

  /**
   * One page of the questionnaire: a section of an instrument.
   *
   * @param number 1 to the number of parts, over every instrument in order
   * @param first the instrument's first section, which carries its title and instructions
   */
  record Part(
      int number, SurveyApi.Instrument instrument, SurveyApi.Section section, boolean first) {

    public boolean untouched() {
      return section.items().stream().allMatch(item -> item.answer() == null);
    }

    public List<SurveyApi.Item> blanks() {
      return section.items().stream().filter(item -> item.answer() == null).toList();
    }
  }

  /**
   * One item as the page shows it.
   *
   * @param name the radio buttons' name, {@code INSTRUMENT.CODE}
   * @param chosen the score shown chosen: the one just sent, else the saved one
   * @param scale a 0-10 scale labelled only at its ends (the NRS), shown as a row of numbers
   */
  record Question(
      String name,
      String id,
      String text,
      List<SurveyApi.Option> options,
      Integer chosen,
      boolean scale,
      String lowLabel,
      String highLabel,
      boolean refused) {}

  @GetMapping
  String start(
      @PathVariable String token,
      @RequestParam(required = false) String lang,
      HttpServletRequest request,
      Model model) {
    SurveyApi.Survey survey = api.survey(PatientPagesController.valid(token));
    Locale locale = language(request, lang, survey);
    if (!survey.canAnswer()) {
      return statePage(model, token, locale, survey);
    }
    List<Part> parts = parts(survey);
    return parts.stream()
        .filter(Part::untouched)
        .findFirst()
        .map(part -> partPage(model, token, locale, survey, part, Map.of(), Set.of()))
        .orElseGet(() -> reviewPage(model, token, locale, survey));
  }

  /** A part number that is not one (an edited address) opens the questionnaire where it resumes. */
  @GetMapping("/part/{number:\\d{1,3}}")
  String part(
      @PathVariable String token,
      @PathVariable int number,
      @RequestParam(required = false) String lang,
      HttpServletRequest request,
      Model model) {
    SurveyApi.Survey survey = api.survey(PatientPagesController.valid(token));
    Locale locale = language(request, lang, survey);
    if (!survey.canAnswer()) {
      return statePage(model, token, locale, survey);
    }
    List<Part> parts = parts(survey);
    if (number < 1 || number > parts.size()) {
      return "redirect:" + address(token, null, lang);
    }
    return partPage(model, token, locale, survey, parts.get(number - 1), Map.of(), Set.of());
  }

  /**
   * Saves the answers chosen on this page (only those: a radio button cannot be un-chosen without a
   * script, so an item sent blank clears nothing) and moves on ({@code move=next}) or back.
   */
  @PostMapping("/part/{number:\\d{1,3}}")
  String save(
      @PathVariable String token,
      @PathVariable int number,
      @RequestParam(required = false) String lang,
      @RequestParam(required = false) String move,
      HttpServletRequest request,
      Model model) {
    PatientPagesController.valid(token);
    Map<String, Map<String, Integer>> answers = new LinkedHashMap<>();
    Map<String, Integer> chosen = new LinkedHashMap<>();
    Set<String> refused = new LinkedHashSet<>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              if (!ITEM.matcher(name).matches() || values.length == 0 || values[0].isBlank()) {
                return;
              }
              try {
                int score = Integer.parseInt(values[0].strip());
                String[] parts = name.split("\\.", 2);
                answers
                    .computeIfAbsent(parts[0], key -> new LinkedHashMap<>())
                    .put(parts[1], score);
                chosen.put(name, score);
              } catch (NumberFormatException notAScore) {
                refused.add(name);
              }
            });
    SurveyApi.Survey survey;
    try {
      if (!refused.isEmpty()) {
        // Not one of the options shown: nothing of the page is saved, the item is pointed at.
        return refusedPage(token, number, lang, request, model, chosen, refused);
      }
      survey = answers.isEmpty() ? api.survey(token) : api.save(token, answers);
    } catch (ApiProblem problem) {
      if (problem.status() == 409) {
        // Submitted, missed or stopped meanwhile: the questionnaire's own page says which.
        return "redirect:" + address(token, null, lang);
      }
      if (problem.status() != 400) {
        throw problem;
      }
      for (FieldProblem field : problem.errors()) {
        refused.add(field.field().startsWith("answers.") ? field.field().substring(8) : "");
      }
      return refusedPage(token, number, lang, request, model, chosen, refused);
    }
    int parts = parts(survey).size();
    if ("back".equals(move)) {
      return "redirect:" + address(token, "/part/" + Math.max(1, number - 1), lang);
    }
    return "redirect:"
        + address(token, number >= parts ? "/review" : "/part/" + (number + 1), lang);
  }

  @GetMapping("/review")
  String review(
      @PathVariable String token,
      @RequestParam(required = false) String lang,
      HttpServletRequest request,
      Model model) {
    SurveyApi.Survey survey = api.survey(PatientPagesController.valid(token));
    Locale locale = language(request, lang, survey);
    if (!survey.canAnswer()) {
      return statePage(model, token, locale, survey);
    }
    return reviewPage(model, token, locale, survey);
  }

  /** Ends the questionnaire with the answers as they stand; blanks are scored by each rule. */
  @PostMapping("/submission")
  String submit(@PathVariable String token, @RequestParam(required = false) String lang) {
    try {
      api.submit(PatientPagesController.valid(token));
    } catch (ApiProblem refused) {
      if (refused.status() != 409) {
        throw refused;
      }
    }
    // Submitted (now or before), missed or stopped: the questionnaire's own page says which.
    return "redirect:" + address(token, null, lang);
  }

  private String refusedPage(
      String token,
      int number,
      String lang,
      HttpServletRequest request,
      Model model,
      Map<String, Integer> chosen,
      Set<String> refused) {
    SurveyApi.Survey survey = api.survey(token);
    Locale locale = language(request, lang, survey);
    if (!survey.canAnswer()) {
      return statePage(model, token, locale, survey);
    }
    List<Part> parts = parts(survey);
    Part part = parts.get(Math.min(Math.max(number, 1), parts.size()) - 1);
    Set<String> onPage = new LinkedHashSet<>();
    part.section().items().forEach(item -> onPage.add(name(part, item)));
    // A refusal of an item not on this page (or of the whole request) is said above the items.
    model.addAttribute("refusedElsewhere", !onPage.containsAll(refused));
    return partPage(model, token, locale, survey, part, chosen, refused);
  }

  private String partPage(
      Model model,
      String token,
      Locale locale,
      SurveyApi.Survey survey,
      Part part,
      Map<String, Integer> chosen,
      Set<String> refused) {
    common(model, token, locale, survey, "/part/" + part.number());
    model.addAttribute("part", part);
    model.addAttribute("parts", parts(survey).size());
    model.addAttribute(
        "questions",
        part.section().items().stream()
            .map(item -> question(part, item, chosen, refused))
            .toList());
    model.addAttribute(
        "otherWording",
        part.instrument().wordingLanguage() != null
                && !part.instrument().wordingLanguage().equals(locale.getLanguage())
            ? PatientPagesController.supported(part.instrument().wordingLanguage()).getLanguage()
            : null);
    model.addAttribute("refused", !refused.isEmpty());
    model.addAttribute(
        "firstRefused",
        part.section().items().stream()
            .map(item -> name(part, item))
            .filter(refused::contains)
            .map(name -> name.replace('.', '-'))
            .findFirst()
            .orElse(null));
    return "patient/survey-part";
  }

  private String reviewPage(Model model, String token, Locale locale, SurveyApi.Survey survey) {
    common(model, token, locale, survey, "/review");
    List<Part> parts = parts(survey);
    model.addAttribute("parts", parts.size());
    model.addAttribute(
        "blankParts", parts.stream().filter(part -> !part.blanks().isEmpty()).toList());
    return "patient/survey-review";
  }

  private String statePage(Model model, String token, Locale locale, SurveyApi.Survey survey) {
    common(model, token, locale, survey, "");
    model.addAttribute("done", "COMPLETED".equals(survey.state()));
    return "patient/survey-state";
  }

  private void common(
      Model model, String token, Locale locale, SurveyApi.Survey survey, String path) {
    // The language switch's links, not the /p/ ones the frame makes from a token.
    model.addAttribute("token", null);
    model.addAttribute("surveyToken", token);
    model.addAttribute("here", "/q/" + token + path);
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("clinicName", settings.clinicName());
    model.addAttribute("clinicPhone", settings.clinicPhone());
    model.addAttribute("survey", survey);
    model.addAttribute("givenName", survey.patient() == null ? "" : survey.patient().givenName());
  }

  private static List<Part> parts(SurveyApi.Survey survey) {
    List<Part> parts = new ArrayList<>();
    for (SurveyApi.Instrument instrument : survey.instruments()) {
      boolean first = true;
      for (SurveyApi.Section section : instrument.sections()) {
        parts.add(new Part(parts.size() + 1, instrument, section, first));
        first = false;
      }
    }
    return parts;
  }

  private static String name(Part part, SurveyApi.Item item) {
    return part.instrument().instrument() + "." + item.code();
  }

  private static Question question(
      Part part, SurveyApi.Item item, Map<String, Integer> chosen, Set<String> refused) {
    String name = name(part, item);
    List<SurveyApi.Option> options = item.options();
    boolean scale =
        options.size() > 5
            && options.stream().anyMatch(o -> o.label() == null || o.label().isBlank());
    return new Question(
        name,
        name.replace('.', '-'),
        item.text(),
        options,
        chosen.containsKey(name) ? chosen.get(name) : item.answer(),
        scale,
        scale ? options.get(0).label() : null,
        scale ? options.get(options.size() - 1).label() : null,
        refused.contains(name));
  }

  /** The switch's choice when made, else the patient's own language. */
  private static Locale language(HttpServletRequest request, String lang, SurveyApi.Survey survey) {
    Locale locale =
        PatientPagesController.supported(
            lang != null ? lang : survey.patient() == null ? null : survey.patient().language());
    PatientPagesController.use(request, locale);
    return locale;
  }

  private static String address(String token, String path, String lang) {
    return "/q/"
        + token
        + (path == null ? "" : path)
        + (lang == null ? "" : "?lang=" + PatientPagesController.supported(lang).getLanguage());
  }

  /**
   * A link that opens nothing, or a service that cannot answer: a kind page with the clinic's
   * phone, never the service's words. Logged with the status only: the address holds the token.
   */
  @ExceptionHandler(ApiProblem.class)
  String refused(
      ApiProblem problem, HttpServletRequest request, HttpServletResponse response, Model model) {
    int status = problem.status();
    String kind =
        switch (status) {
          case 404 -> "invalid";
          case 410 -> "expired";
          case 429 -> "busy";
          default -> "unavailable";
        };
    if ("unavailable".equals(kind)) {
      log.info("The questionnaire API answered {} to a patient page", status);
    }
    response.setStatus(status == 404 || status == 410 || status == 429 ? status : 502);
    return problemPage(kind, request, model);
  }

  @ExceptionHandler(PatientPagesController.InvalidLink.class)
  String invalid(HttpServletRequest request, HttpServletResponse response, Model model) {
    response.setStatus(404);
    return problemPage("invalid", request, model);
  }

  @ExceptionHandler(RuntimeException.class)
  String failed(
      RuntimeException failure,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    log.warn("A questionnaire page failed: {}", failure.getClass().getSimpleName());
    response.setStatus(503);
    return problemPage("unavailable", request, model);
  }

  /** In the switch's language when chosen, else the browser's (the patient is not known). */
  private String problemPage(String kind, HttpServletRequest request, Model model) {
    String lang = request.getParameter("lang");
    Locale locale =
        PatientPagesController.supported(
            lang != null ? lang : RequestContextUtils.getLocale(request).getLanguage());
    PatientPagesController.use(request, locale);
    model.addAttribute("lang", locale.getLanguage());
    model.addAttribute("kind", kind);
    model.addAttribute("problems", "survey.problem");
    model.addAttribute("clinicName", settings.clinicName());
    model.addAttribute("clinicPhone", settings.clinicPhone());
    model.addAttribute("token", null);
    return "patient/link-problem";
  }
}
