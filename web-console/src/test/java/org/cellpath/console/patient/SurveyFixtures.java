package org.cellpath.console.patient;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The questionnaire API's answers as referral-service writes them (docs/api.md), cut to three
 * parts: the pain NRS (one item), and two of the FAOS's sections with two items each.
 */
final class SurveyFixtures {

  static final String SURVEY = "/api/self-service/survey";

  private SurveyFixtures() {}

  /**
   * An open questionnaire in the patient's language with these saved answers (null: blank).
   *
   * @param answers PAIN, S1, S2, P1, P2
   */
  static String open(String language, Integer... answers) {
    return survey(language, "OPEN", true, answers);
  }

  static String survey(String language, String state, boolean canAnswer, Integer... answers) {
    Integer[] a = answers.length == 0 ? new Integer[5] : answers;
    long answered = java.util.Arrays.stream(a).filter(x -> x != null).count();
    String nrsOptions =
        IntStream.rangeClosed(0, 10)
            .mapToObj(
                score ->
                    "{\"score\":%d,\"label\":%s}"
                        .formatted(
                            score,
                            score == 0
                                ? "\"No pain\""
                                : score == 10 ? "\"Worst possible pain\"" : "null"))
            .collect(Collectors.joining(","));
    return """
        {"timePoint":"WEEK_6","state":"%s","closesAt":"2026-04-20T07:00:00Z","canAnswer":%s,
         "patient":{"givenName":"Ana","language":"%s"},
         "instruments":[
          {"instrument":"PAIN_NRS","title":"Pain in the last week",
           "instructions":"Choose the one number that describes your pain.","wordingLanguage":"en",
           "sections":[{"title":null,"intro":null,"items":[
             {"code":"PAIN","text":"Your worst pain in the last week","options":[%s],"answer":%s}]}]},
          {"instrument":"FAOS","title":"Foot and Ankle Outcome Score",
           "instructions":"This survey asks for your view about your foot/ankle.","wordingLanguage":"en",
           "sections":[
            {"title":"Symptoms","intro":"Think of your foot/ankle symptoms during the last week.","items":[
              %s,
              %s]},
            {"title":"Pain","intro":"What amount of foot/ankle pain have you experienced the last week?","items":[
              %s,
              %s]}]}],
         "answered":%d,"total":5,"notOffered":["VISA_A"]}
        """
        .formatted(
            state,
            canAnswer,
            language,
            nrsOptions,
            a[0],
            faos("S1", "Do you have swelling in your foot/ankle?", FREQUENCY, a[1]),
            faos("S2", "Do you feel grinding when your foot/ankle moves?", FREQUENCY, a[2]),
            faos("P1", "Twisting/pivoting on your foot/ankle", SEVERITY, a[3]),
            faos("P2", "Straightening foot/ankle fully", SEVERITY, a[4]),
            answered);
  }

  static final List<String> FREQUENCY = List.of("Never", "Rarely", "Sometimes", "Often", "Always");
  static final List<String> SEVERITY = List.of("None", "Mild", "Moderate", "Severe", "Extreme");

  private static String faos(String code, String text, List<String> labels, Integer answer) {
    List<String> options = new ArrayList<>();
    for (int score = 0; score < labels.size(); score++) {
      options.add("{\"score\":%d,\"label\":\"%s\"}".formatted(score, labels.get(score)));
    }
    return "{\"code\":\"%s\",\"text\":\"%s\",\"options\":[%s],\"answer\":%s}"
        .formatted(code, text, String.join(",", options), answer);
  }
}
