package org.cellpath.referral.surveys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.links.LinkGrant;
import org.cellpath.links.LinkPurpose;
import org.cellpath.links.PatientLinks;
import org.cellpath.referral.outcomes.Answers;
import org.cellpath.referral.outcomes.Instrument;
import org.cellpath.referral.outcomes.Scoring;
import org.cellpath.referral.outcomes.Wording;
import org.cellpath.referral.referral.Referral;
import org.cellpath.referral.referral.Referrals;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a patient does with a questionnaire's link (docs/api.md, "The patient's questionnaire API"):
 * read it with the answers saved so far, save answers as they go, and submit, which scores the
 * answers as they stand. Every use opens the link first: signed here, for a survey, not expired,
 * and naming a survey of the referral it was signed with.
 */
@Service
public class PatientSurveys {

  private final PatientLinks links;
  private final Surveys surveys;
  private final Referrals referrals;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  PatientSurveys(
      PatientLinks links,
      Surveys surveys,
      Referrals referrals,
      Clock clock,
      ApplicationEventPublisher events) {
    this.links = links;
    this.surveys = surveys;
    this.referrals = referrals;
    this.clock = clock;
    this.events = events;
  }

  /**
   * What a link is counted by in the rate limit: a hash of its token, so that the token itself is
   * kept nowhere.
   */
  public static String rateKey(String token) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /**
   * The survey the link opens.
   *
   * @throws org.cellpath.links.PatientLinkException when the link is forged, altered, made for
   *     another page, or expired
   * @throws UnknownLinkException when its survey is gone or belongs to another referral
   */
  @Transactional(readOnly = true)
  public LinkedSurvey open(String token) {
    LinkGrant grant = links.open(token, LinkPurpose.OUTCOME_SURVEY);
    Survey survey =
        surveys
            .find(grant.subjectId())
            .filter(found -> found.referralId().equals(grant.referralId()))
            .orElseThrow(UnknownLinkException::new);
    return new LinkedSurvey(survey, referrals.get(survey.referralId()));
  }

  /** The instruments the survey asks, in order, each in the words it is asked in. */
  public List<Asked> asked(Referral referral) {
    Locale language = language(referral);
    List<Asked> asked = new ArrayList<>();
    for (Instrument instrument : Instrument.forCondition(referral.details().condition())) {
      if (Wording.available(instrument, language)) {
        asked.add(new Asked(instrument, Wording.of(instrument, language), language));
      } else if (Wording.available(instrument, Locale.ENGLISH)) {
        // No sourced translation: the English words, said so, never a translation of ours (ADR 38).
        asked.add(new Asked(instrument, Wording.of(instrument, Locale.ENGLISH), Locale.ENGLISH));
      }
    }
    return asked;
  }

  /** The instruments the case has that the clinic has no sourced wording for, in any language. */
  public List<Instrument> notOffered(Referral referral) {
    return Instrument.forCondition(referral.details().condition()).stream()
        .filter(i -> !Wording.available(i, language(referral)))
        .filter(i -> !Wording.available(i, Locale.ENGLISH))
        .toList();
  }

  /** {@code es} for a Spanish-speaking patient, otherwise {@code en}. */
  public static Locale language(Referral referral) {
    return "es".equals(referral.details().patient().language())
        ? Locale.forLanguageTag("es")
        : Locale.ENGLISH;
  }

  @Transactional(readOnly = true)
  public Map<Instrument, Map<String, Integer>> answers(Survey survey) {
    return surveys.answers(survey.id());
  }

  /**
   * Saves these answers and leaves the others as they are; a null score clears its item.
   *
   * @throws InvalidValueException naming {@code answers.<instrument>.<item>} for each instrument
   *     the survey does not ask, item its instrument does not have, and score the item cannot take
   * @throws org.cellpath.domain.StateConflictException when the survey was submitted, missed,
   *     stopped or has closed
   */
  @Transactional
  public Survey save(
      LinkedSurvey linked, Map<String, ? extends @Nullable Map<String, @Nullable Integer>> given) {
    Survey survey = surveys.lock(linked.survey().id()).orElseThrow(UnknownLinkException::new);
    Instant now = clock.instant();
    survey.requireAnswerable(now);
    List<Instrument> asked = asked(linked.referral()).stream().map(Asked::instrument).toList();
    Map<Instrument, Map<String, Integer>> saved = surveys.answers(survey.id());
    List<FieldProblem> problems = new ArrayList<>();
    Map<Instrument, Map<String, @Nullable Integer>> changes = new LinkedHashMap<>();
    given.forEach(
        (name, items) -> {
          Instrument instrument =
              asked.stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
          if (instrument == null) {
            problems.add(
                new FieldProblem("answers." + name, "is not an instrument of this questionnaire"));
            return;
          }
          Map<String, @Nullable Integer> changed = items == null ? Map.of() : items;
          Map<String, Integer> given1 = new LinkedHashMap<>();
          changed.forEach(
              (item, score) -> {
                if (score != null) {
                  given1.put(item, score);
                }
              });
          Map<String, Integer> merged =
              new LinkedHashMap<>(saved.getOrDefault(instrument, Map.of()));
          changed.keySet().forEach(merged::remove);
          merged.putAll(given1);
          try {
            new Answers(instrument, merged);
            // An unknown item cleared (null) is no item either.
            changed.keySet().stream()
                .filter(item -> instrument.items().stream().noneMatch(i -> i.code().equals(item)))
                .forEach(
                    item ->
                        problems.add(
                            new FieldProblem(
                                "answers." + name + "." + item,
                                "is not an item of " + instrument.displayName())));
          } catch (InvalidValueException refused) {
            refused.problems().stream()
                .map(
                    p ->
                        new FieldProblem(
                            p.field().replaceFirst("^answers\\.", "answers." + name + "."),
                            p.message()))
                .forEach(problems::add);
          }
          changes.put(instrument, changed);
        });
    if (!problems.isEmpty()) {
      throw new InvalidValueException(problems);
    }
    changes.forEach(
        (instrument, items) ->
            items.forEach(
                (item, score) -> surveys.answer(survey.id(), instrument, item, score, now)));
    return survey;
  }

  /**
   * Ends the questionnaire: each asked instrument is scored from the answers as they stand (blanks
   * by its rule) and the scores are kept. Again: nothing changes.
   *
   * @throws org.cellpath.domain.StateConflictException when missed, stopped or closed
   */
  @Transactional
  public Survey submit(LinkedSurvey linked) {
    Survey survey = surveys.lock(linked.survey().id()).orElseThrow(UnknownLinkException::new);
    if (!survey.complete(clock.instant())) {
      return survey;
    }
    Map<Instrument, Map<String, Integer>> saved = surveys.answers(survey.id());
    for (Asked asked : asked(linked.referral())) {
      surveys.addScores(
          survey.id(),
          Scoring.score(
              new Answers(asked.instrument(), saved.getOrDefault(asked.instrument(), Map.of()))));
    }
    surveys.save(survey, List.of());
    events.publishEvent(
        new SurveySubmitted(survey.id(), survey.referralId(), survey.timePoint(), clock.instant()));
    return survey;
  }

  /** Whether the patient may still answer at this moment. */
  public boolean answerable(Survey survey) {
    return survey.answerableAt(clock.instant());
  }

  /**
   * An instrument as the survey asks it.
   *
   * @param language the language of its words: English for a Spanish patient when no sourced
   *     Spanish version exists
   */
  public record Asked(Instrument instrument, Wording wording, Locale language) {
    public Asked {
      Objects.requireNonNull(wording);
    }
  }
}
