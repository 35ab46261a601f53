package org.cellpath.console.insights;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cellpath.console.api.OutcomesApi;
import org.cellpath.console.web.Choices;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The outcomes page for reviewing clinicians and clinic staff: response rates, the median change
 * from baseline with its interquartile range and the share reaching the meaningful difference, for
 * all cases and by condition, cell source, age band and health factor; filters; the same figures as
 * CSV. The filters are the page's address (they name no patient); a value the page does not offer
 * is ignored.
 */
@Controller
@RequestMapping("/insights")
class OutcomesController {

  static final List<String> AGE_BANDS = List.of("UNDER_40", "FROM_40_TO_59", "FROM_60");
  static final List<String> TIME_POINTS = List.of("BASELINE", "WEEK_6", "WEEK_12", "WEEK_24");
  static final List<String> FOLLOW_UPS = List.of("WEEK_6", "WEEK_12", "WEEK_24");
  static final List<String> SUBSCALES =
      List.of(
          "NRS_PAIN",
          "FAOS_PAIN",
          "FAOS_SYMPTOMS",
          "FAOS_ADL",
          "FAOS_SPORT_REC",
          "FAOS_QOL",
          "VISA_A_TOTAL");

  /** A section of the page: the groups of one dimension, with their chart. */
  public record Section(
      String dimension, List<OutcomesApi.Group> groups, List<String> labels, Charts.Chart chart) {}

  private final OutcomesApi outcomes;
  private final MessageSource messages;

  OutcomesController(OutcomesApi outcomes, MessageSource messages) {
    this.outcomes = outcomes;
    this.messages = messages;
  }

  @GetMapping("/outcomes")
  String page(
      @RequestParam(required = false) String condition,
      @RequestParam(required = false) String cellSource,
      @RequestParam(required = false) String ageBand,
      @RequestParam(required = false) String healthFactor,
      @RequestParam(required = false) String timePoint,
      @RequestParam(required = false) String subscale,
      Model model,
      Locale locale) {
    Map<String, String> filters = filters(condition, cellSource, ageBand, healthFactor, timePoint);
    OutcomesApi.Summary summary = outcomes.summary(filters);
    String chartSubscale = subscale != null && SUBSCALES.contains(subscale) ? subscale : "NRS_PAIN";
    OutcomesApi.Group all =
        summary.groups().stream()
            .filter(group -> group.dimension().equals("ALL"))
            .findFirst()
            .orElse(null);
    String chartAt = chartTimePoint(filters.get("timePoint"), all);
    List<Section> sections = new ArrayList<>();
    for (String dimension : List.of("CONDITION", "CELL_SOURCE", "AGE_BAND", "HEALTH_FACTOR")) {
      List<OutcomesApi.Group> groups =
          summary.groups().stream().filter(group -> group.dimension().equals(dimension)).toList();
      List<String> labels =
          groups.stream().map(group -> label(dimension, group.value(), locale)).toList();
      sections.add(
          new Section(
              dimension, groups, labels, Charts.changes(groups, labels, chartAt, chartSubscale)));
    }
    model.addAttribute("summary", summary);
    model.addAttribute("all", all);
    model.addAttribute(
        "responseChart", all == null ? null : Charts.responseRates(all.timePoints()));
    model.addAttribute("sections", sections);
    model.addAttribute("filters", filters);
    model.addAttribute("chartSubscale", chartSubscale);
    model.addAttribute("chartAt", chartAt);
    model.addAttribute("choices", Choices.INSTANCE);
    model.addAttribute("ageBands", AGE_BANDS);
    model.addAttribute("timePoints", TIME_POINTS);
    model.addAttribute("followUps", FOLLOW_UPS);
    model.addAttribute("subscales", SUBSCALES);
    model.addAttribute("csvUrl", csvUrl(filters));
    return "insights/outcomes";
  }

  @GetMapping("/outcomes.csv")
  ResponseEntity<String> csv(
      @RequestParam(required = false) String condition,
      @RequestParam(required = false) String cellSource,
      @RequestParam(required = false) String ageBand,
      @RequestParam(required = false) String healthFactor,
      @RequestParam(required = false) String timePoint) {
    String csv =
        outcomes.summaryCsv(filters(condition, cellSource, ageBand, healthFactor, timePoint));
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("outcomes-summary.csv").build().toString())
        .body(csv);
  }

  private static Map<String, String> filters(
      String condition, String cellSource, String ageBand, String healthFactor, String timePoint) {
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("condition", offered(condition, Choices.INSTANCE.conditions()));
    filters.put("cellSource", offered(cellSource, Choices.INSTANCE.approvableCellSources()));
    filters.put("ageBand", offered(ageBand, AGE_BANDS));
    filters.put("healthFactor", offered(healthFactor, Choices.INSTANCE.healthFactors()));
    filters.put("timePoint", offered(timePoint, TIME_POINTS));
    return filters;
  }

  private static String offered(String value, List<String> offered) {
    return value != null && offered.contains(value) ? value : "";
  }

  /**
   * The follow-up the charts show: the one filtered on, or else the latest with figures for all
   * cases, or else 12 weeks (the review's time point).
   */
  private static String chartTimePoint(String filtered, OutcomesApi.Group all) {
    if (FOLLOW_UPS.contains(filtered)) {
      return filtered;
    }
    if (all != null) {
      for (String point : List.of("WEEK_24", "WEEK_12", "WEEK_6")) {
        OutcomesApi.TimePoint figures = all.at(point);
        if (figures != null
            && figures.subscales() != null
            && figures.subscales().stream().anyMatch(subscale -> !subscale.tooFew())) {
          return point;
        }
      }
    }
    return "WEEK_12";
  }

  private String label(String dimension, String value, Locale locale) {
    String key =
        switch (dimension) {
          case "CONDITION" -> "condition." + value;
          case "CELL_SOURCE" -> "cellSource." + value;
          case "AGE_BAND" -> "insights.ageBand." + value;
          case "HEALTH_FACTOR" ->
              "NONE".equals(value) ? "insights.noHealthFactor" : "healthFactor." + value;
          default -> value;
        };
    return messages.getMessage(key, null, value, locale);
  }

  private static String csvUrl(Map<String, String> filters) {
    var uri = ServletUriComponentsBuilder.fromCurrentContextPath().path("/insights/outcomes.csv");
    filters.forEach(
        (name, value) -> {
          if (!value.isEmpty()) {
            uri.queryParam(name, value);
          }
        });
    return uri.build().toUriString();
  }
}
