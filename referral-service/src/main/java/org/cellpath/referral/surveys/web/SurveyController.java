package org.cellpath.referral.surveys.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cellpath.audit.AuditOutcome;
import org.cellpath.audit.RequestAudit;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.links.PatientLinkException;
import org.cellpath.referral.audit.AuditAction;
import org.cellpath.referral.audit.ReferralAudit;
import org.cellpath.referral.outcomes.Instrument;
import org.cellpath.referral.outcomes.Item;
import org.cellpath.referral.outcomes.Subscale;
import org.cellpath.referral.outcomes.Wording;
import org.cellpath.referral.surveys.LinkedSurvey;
import org.cellpath.referral.surveys.PatientSurveys;
import org.cellpath.referral.surveys.Survey;
import org.cellpath.referral.surveys.SurveyLinkRate;
import org.cellpath.referral.surveys.SurveyState;
import org.cellpath.referral.surveys.UnknownLinkException;
import org.cellpath.web.CallerRateLimiter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The patient's questionnaire API (docs/api.md), behind the console's {@code /q/<token>} pages. No
 * sign-in: the link's token, in the {@code Patient-Link} header (never in the address, never
 * logged), is the credential. Each use is counted against the link's rate limit (by a hash of the
 * token) and audited with the survey and its referral, never an answer. Answers are never cached.
 */
@RestController
@RequestMapping("/api/self-service/survey")
class SurveyController {

  static final String LINK_HEADER = "Patient-Link";

  private final PatientSurveys surveys;
  private final CallerRateLimiter links;
  private final ReferralAudit audit;

  SurveyController(PatientSurveys surveys, SurveyLinkRate rate, ReferralAudit audit, Clock clock) {
    this.surveys = surveys;
    this.links = new CallerRateLimiter(rate.permits(), rate.period(), clock);
    this.audit = audit;
  }

  @GetMapping
  ResponseEntity<SurveyPage> read(@RequestHeader(LINK_HEADER) String token) {
    return noStore(
        used(AuditAction.SURVEY_LINK_READ, token, linked -> page(linked, linked.survey())));
  }

  @PutMapping("/answers")
  ResponseEntity<SurveyPage> answer(
      @RequestHeader(LINK_HEADER) String token, @RequestBody AnswersRequest request) {
    if (request.answers() == null) {
      throw new InvalidValueException("answers", "is required");
    }
    return noStore(
        used(
            AuditAction.SURVEY_LINK_ANSWER,
            token,
            linked -> page(linked, surveys.save(linked, request.answers()))));
  }

  @PostMapping("/submission")
  ResponseEntity<SurveyPage> submit(@RequestHeader(LINK_HEADER) String token) {
    return noStore(
        used(
            AuditAction.SURVEY_LINK_SUBMIT, token, linked -> page(linked, surveys.submit(linked))));
  }

  /**
   * Counts the use against the link's rate, opens the link, does the work and audits how it ended:
   * {@code DENIED} for a link that opens nothing, {@code RATE_LIMITED}, {@code REFUSED} for a
   * refused change, {@code ALLOWED} with the survey and its referral.
   */
  private <T> T used(AuditAction action, String token, Function<LinkedSurvey, T> work) {
    LinkedSurvey linked = null;
    try {
      links.acquire(PatientSurveys.rateKey(token));
      linked = surveys.open(token);
      T result = work.apply(linked);
      audit.survey(
          action, linked.survey().id(), linked.survey().referralId(), AuditOutcome.ALLOWED);
      return result;
    } catch (RuntimeException failed) {
      AuditOutcome outcome =
          failed instanceof PatientLinkException || failed instanceof UnknownLinkException
              ? AuditOutcome.DENIED
              : RequestAudit.outcomeOf(failed);
      audit.survey(
          action,
          linked == null ? null : linked.survey().id(),
          linked == null ? null : linked.survey().referralId(),
          outcome);
      throw failed;
    }
  }

  private SurveyPage page(LinkedSurvey linked, Survey survey) {
    Map<Instrument, Map<String, Integer>> saved = surveys.answers(survey);
    List<InstrumentView> instruments = new ArrayList<>();
    int answered = 0;
    int total = 0;
    for (PatientSurveys.Asked asked : surveys.asked(linked.referral())) {
      Map<String, Integer> answers = saved.getOrDefault(asked.instrument(), Map.of());
      instruments.add(InstrumentView.of(asked, answers));
      total += questions(asked.instrument());
      answered +=
          (int) answers.keySet().stream().filter(code -> isAsked(asked.instrument(), code)).count();
    }
    var patient = linked.referral().details().patient();
    return new SurveyPage(
        survey.timePoint().name(),
        survey.state(),
        survey.closesAt(),
        surveys.answerable(survey),
        new PatientView(
            patient.givenName(), PatientSurveys.language(linked.referral()).getLanguage()),
        instruments,
        answered,
        total,
        surveys.notOffered(linked.referral()).stream().map(Instrument::displayName).toList());
  }

  /** Questions, counting alternatives of one question (VISA-A 8A, 8B, 8C) once. */
  private static int questions(Instrument instrument) {
    return (int)
        instrument.items().stream()
            .map(item -> item.exclusiveGroup() == null ? item.code() : item.exclusiveGroup())
            .distinct()
            .count();
  }

  private static boolean isAsked(Instrument instrument, String code) {
    return instrument.items().stream().anyMatch(item -> item.code().equals(code));
  }

  private static <T> ResponseEntity<T> noStore(T body) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
  }

  /**
   * @param answers instrument to item to score; a null score clears the item
   */
  record AnswersRequest(@Nullable Map<String, @Nullable Map<String, @Nullable Integer>> answers) {}

  /**
   * What the questionnaire's pages show.
   *
   * @param canAnswer open and before {@code closesAt}
   * @param notOffered instruments the case has that the clinic has no sourced wording for
   */
  record SurveyPage(
      String timePoint,
      SurveyState state,
      @Nullable Instant closesAt,
      boolean canAnswer,
      PatientView patient,
      List<InstrumentView> instruments,
      int answered,
      int total,
      List<String> notOffered) {}

  /**
   * @param language {@code en} or {@code es}
   */
  record PatientView(String givenName, String language) {}

  /**
   * @param wordingLanguage the language of its words: {@code en} for a Spanish patient when the
   *     clinic has no sourced Spanish version (the console says so)
   */
  record InstrumentView(
      String instrument,
      String title,
      @Nullable String instructions,
      String wordingLanguage,
      List<SectionView> sections) {

    static InstrumentView of(PatientSurveys.Asked asked, Map<String, Integer> answers) {
      Wording wording = asked.wording();
      Map<Subscale, List<Item>> bySubscale = new LinkedHashMap<>();
      asked
          .instrument()
          .items()
          .forEach(
              item ->
                  bySubscale.computeIfAbsent(item.subscale(), s -> new ArrayList<>()).add(item));
      List<SectionView> sections = new ArrayList<>();
      bySubscale.forEach(
          (subscale, items) ->
              sections.add(
                  new SectionView(
                      wording.textIfAny("section." + sectionKey(subscale)),
                      wording.textIfAny("section." + sectionKey(subscale) + ".intro"),
                      items.stream()
                          .map(item -> ItemView.of(wording, item, answers.get(item.code())))
                          .toList())));
      String title = wording.textIfAny("title");
      return new InstrumentView(
          asked.instrument().name(),
          title == null ? asked.instrument().displayName() : title,
          wording.textIfAny("instructions"),
          asked.language().getLanguage(),
          sections);
    }

    private static String sectionKey(Subscale subscale) {
      return switch (subscale) {
        case FAOS_SYMPTOMS -> "symptoms";
        case FAOS_PAIN -> "pain";
        case FAOS_ADL -> "adl";
        case FAOS_SPORT_REC -> "sport";
        case FAOS_QOL -> "qol";
        default -> subscale.name().toLowerCase(java.util.Locale.ROOT);
      };
    }
  }

  record SectionView(@Nullable String title, @Nullable String intro, List<ItemView> items) {}

  /**
   * @param answer the saved score, or null
   */
  record ItemView(String code, String text, List<OptionView> options, @Nullable Integer answer) {

    static ItemView of(Wording wording, Item item, @Nullable Integer answer) {
      return new ItemView(
          item.code(),
          wording.question(item),
          item.scores().stream()
              .map(
                  score ->
                      new OptionView(
                          score,
                          item.wordedScores().contains(score) ? wording.option(item, score) : null))
              .toList(),
          answer);
    }
  }

  /**
   * @param label the option's words; null for the NRS's unworded middle numbers
   */
  record OptionView(int score, @Nullable String label) {}
}
