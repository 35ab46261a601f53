package org.cellpath.notification.sms;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cellpath.notification.clinic.ClinicProperties;

/**
 * The rules every patient SMS obeys ({@code docs/domain.md §5}): at most {@value #MAX_LENGTH}
 * characters; no diagnosis, condition, procedure or cell-source word in English or Spanish; the
 * clinic's name and phone number; and the ending {@value #OPT_OUT}, the same English words in every
 * language because they are the carrier's keywords.
 *
 * <p>Forbidden words are matched as whole words (or phrases), ignoring case and accents: {@code
 * CELULAS}, {@code células} and {@code Células} are all caught, while a word that merely contains
 * one ({@code CellPath}) is not.
 *
 * <p>Length is counted in characters (Unicode code points). A text within the GSM-7 alphabet (see
 * {@link #isGsm7}) of at most 160 characters is one SMS segment. A text with a character outside it
 * (for example á, í, ó or ú; é, ñ, ¿ and ¡ are in it) is sent as UCS-2, 70 characters a segment, so
 * 160 characters would cost three segments: the patient texts are therefore worded without such
 * characters, in Spanish too, and a test keeps them that way. The rule itself stays at 160
 * characters, so a clinic or site name with an accent still passes, at a higher price.
 */
public final class SmsRules {

  /** The longest text allowed, in characters. */
  public static final int MAX_LENGTH = 160;

  /** The exact ending of every text: the carrier's opt-out keywords. */
  public static final String OPT_OUT = "Reply STOP to opt out";

  /** A rule a text can break. */
  public enum Rule {
    TOO_LONG("is longer than " + MAX_LENGTH + " characters"),
    FORBIDDEN_WORD("names a diagnosis, condition, procedure or cell source"),
    NO_CLINIC_NAME("does not name the clinic"),
    NO_CLINIC_PHONE("does not give the clinic's phone number"),
    NO_OPT_OUT_ENDING("does not end with \"" + OPT_OUT + "\"");

    private final String description;

    Rule(String description) {
      this.description = description;
    }

    /** What the text does wrong, in words fit for a log line (it never quotes the text). */
    public String description() {
      return description;
    }
  }

  /**
   * Words no SMS may contain, in English and Spanish, written as people write them; they are
   * compared without accents and case, so each needs to be listed once.
   */
  static final List<String> FORBIDDEN_WORDS =
      List.of(
          // conditions and diagnoses
          "diagnosis",
          "diagnosed",
          "condition",
          "injury",
          "tendon",
          "tendons",
          "tendinitis",
          "tendinopathy",
          "achilles",
          "tibial",
          "ligament",
          "ligaments",
          "instability",
          "arthritis",
          "osteoarthritis",
          "arthritic",
          "cartilage",
          "fracture",
          "fractures",
          "fractured",
          "nonunion",
          "non-union",
          "rupture",
          "tear",
          "diagnóstico",
          "lesión",
          "tendón",
          "tendones",
          "tendinitis",
          "aquiles",
          "ligamento",
          "ligamentos",
          "inestabilidad",
          "artritis",
          "artrosis",
          "osteoartritis",
          "osteoartrosis",
          "cartílago",
          "fractura",
          "fracturas",
          "seudoartrosis",
          "pseudoartrosis",
          "no unión",
          "rotura",
          "desgarro",
          // cell sources
          "stem cell",
          "stem cells",
          "cell",
          "cells",
          "mesenchymal",
          "msc",
          "mscs",
          "marrow",
          "bone marrow",
          "adipose",
          "fat",
          "amniotic",
          "umbilical",
          "umbilical cord",
          "cord blood",
          "iliac",
          "donor tissue",
          "célula",
          "células",
          "células madre",
          "mesenquimal",
          "mesenquimales",
          "médula",
          "médula ósea",
          "adiposo",
          "adiposa",
          "grasa",
          "amniótico",
          "amniótica",
          "cordón umbilical",
          "ilíaco",
          "ilíaca",
          // procedures
          "harvest",
          "harvesting",
          "injection",
          "injections",
          "inject",
          "aspiration",
          "liposuction",
          "procedure",
          "procedures",
          "therapy",
          "therapies",
          "treatment",
          "surgery",
          "surgical",
          "sedation",
          "sedated",
          "anesthesia",
          "anaesthesia",
          "regenerative",
          "centrifuge",
          "extracción",
          "inyección",
          "inyecciones",
          "aspiración",
          "liposucción",
          "procedimiento",
          "procedimientos",
          "terapia",
          "terapias",
          "tratamiento",
          "cirugía",
          "cirugías",
          "quirúrgico",
          "quirúrgica",
          "sedación",
          "sedado",
          "sedada",
          "anestesia",
          "regenerativa",
          "regenerativo",
          "centrifugado");

  /**
   * Every character of the GSM 03.38 basic set, and of its extension table (which costs two
   * characters each).
   */
  private static final String GSM7_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  private static final String GSM7_EXTENSION = "^{}\\[~]|€\f";

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private final Pattern forbidden;
  private final String clinicName;
  private final String clinicPhone;

  public SmsRules(ClinicProperties clinic) {
    this.clinicName = clinic.name();
    this.clinicPhone = clinic.phone();
    String alternatives =
        FORBIDDEN_WORDS.stream()
            .map(SmsRules::fold)
            .distinct()
            .sorted((a, b) -> b.length() - a.length())
            .map(word -> Pattern.quote(word).replace(" ", "\\E\\s+\\Q"))
            .collect(Collectors.joining("|"));
    this.forbidden =
        Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])");
  }

  /** The rules the text breaks, in the order of {@link Rule}; empty when it may be sent. */
  public List<Rule> brokenRules(String text) {
    List<Rule> broken = new ArrayList<>();
    if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
      broken.add(Rule.TOO_LONG);
    }
    if (!forbiddenWordsIn(text).isEmpty()) {
      broken.add(Rule.FORBIDDEN_WORD);
    }
    if (!text.contains(clinicName)) {
      broken.add(Rule.NO_CLINIC_NAME);
    }
    if (!text.contains(clinicPhone)) {
      broken.add(Rule.NO_CLINIC_PHONE);
    }
    if (!text.endsWith(OPT_OUT)) {
      broken.add(Rule.NO_OPT_OUT_ENDING);
    }
    return broken;
  }

  /**
   * Returns the text when it breaks no rule.
   *
   * @throws IllegalStateException naming the broken rules (never quoting the text, which is the
   *     patient's)
   */
  public String requireValid(String text) {
    List<Rule> broken = brokenRules(text);
    if (!broken.isEmpty()) {
      throw new IllegalStateException(
          "SMS text ("
              + text.codePointCount(0, text.length())
              + " characters) "
              + broken.stream().map(Rule::description).collect(Collectors.joining("; ")));
    }
    return text;
  }

  /**
   * The forbidden words in the text, without accents and in lower case, in the order they appear.
   */
  public Set<String> forbiddenWordsIn(String text) {
    Set<String> found = new LinkedHashSet<>();
    Matcher matcher = forbidden.matcher(fold(text));
    while (matcher.find()) {
      found.add(matcher.group().replaceAll("\\s+", " "));
    }
    return found;
  }

  /**
   * Whether the provider can send the text in the GSM-7 alphabet (160 characters a segment) rather
   * than UCS-2 (70).
   */
  public static boolean isGsm7(String text) {
    return text.codePoints()
        .allMatch(c -> GSM7_BASIC.indexOf(c) >= 0 || GSM7_EXTENSION.indexOf(c) >= 0);
  }

  /**
   * Lower case without accents: {@code Células} and {@code CELULAS} both become {@code celulas}.
   */
  private static String fold(String text) {
    return MARKS
        .matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
        .replaceAll("")
        .toLowerCase(Locale.ROOT);
  }
}
