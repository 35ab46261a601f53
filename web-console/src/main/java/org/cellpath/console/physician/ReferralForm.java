package org.cellpath.console.physician;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The referral form (docs/domain.md §1.1) exactly as the physician typed it: every value is kept as
 * text, so that a form the service refuses comes back with the person's input untouched. {@link
 * #toRequest()} turns it into the service's JSON, leaving out what was left empty; the service does
 * all the checking.
 */
public class ReferralForm {

  /** Rows of conservative care shown on a new form; "Add a row" adds one. */
  static final int CARE_ROWS = 3;

  private Patient patient = new Patient();
  private Physician physician = new Physician();
  private String condition = "";
  private String side = "";
  private String icd10Code = "";
  private String symptomOnset = "";
  private String kellgrenLawrenceGrade = "";
  private String fractureDate = "";
  private List<Care> conservativeCare = new ArrayList<>();
  private String lastCorticosteroidInjection = "";
  private List<String> healthFactors = new ArrayList<>();
  private boolean priorSurgery;
  private String priorSurgeryNote = "";
  private String preferredCellSource = "";
  private String expectedCoverage = "";
  private boolean selfPayAcknowledged;
  private List<String> weekdays = new ArrayList<>();
  private List<String> dayParts = new ArrayList<>();

  /** Sent as the {@code Idempotency-Key}: the same form sent twice is one referral. */
  private String idempotencyKey = "";

  /**
   * A blank form with {@link #CARE_ROWS} empty rows of conservative care, the patient in the
   * clinic's zone.
   */
  static ReferralForm blank(String idempotencyKey, ZoneId clinicZone) {
    ReferralForm form = new ReferralForm();
    form.patient.timeZone = clinicZone.getId();
    form.patient.language = "en";
    for (int i = 0; i < CARE_ROWS; i++) {
      form.conservativeCare.add(new Care());
    }
    form.idempotencyKey = idempotencyKey;
    return form;
  }

  /**
   * The form filled with a referral as the service returned it (to amend it after an information
   * request).
   */
  public static ReferralForm of(JsonNode details) {
    ReferralForm form = new ReferralForm();
    JsonNode p = details.path("patient");
    form.patient.givenName = text(p, "givenName");
    form.patient.familyName = text(p, "familyName");
    form.patient.dateOfBirth = text(p, "dateOfBirth");
    form.patient.sex = text(p, "sex");
    form.patient.mobilePhone = text(p, "mobilePhone");
    form.patient.email = text(p, "email");
    form.patient.language = text(p, "language");
    form.patient.preferredChannel = text(p, "preferredChannel");
    form.patient.smsConsent = p.path("smsConsent").asBoolean(false);
    form.patient.timeZone = text(p, "timeZone");
    JsonNode d = details.path("physician");
    form.physician.name = text(d, "name");
    form.physician.npi = text(d, "npi");
    form.physician.practice = text(d, "practice");
    form.physician.phone = text(d, "phone");
    form.physician.email = text(d, "email");
    form.condition = text(details, "condition");
    form.side = text(details, "side");
    form.icd10Code = text(details, "icd10Code");
    form.symptomOnset = text(details, "symptomOnset");
    form.kellgrenLawrenceGrade = text(details, "kellgrenLawrenceGrade");
    form.fractureDate = text(details, "fractureDate");
    for (JsonNode care : details.path("conservativeCare")) {
      Care row = new Care();
      row.modality = text(care, "modality");
      row.startDate = text(care, "startDate");
      row.endDate = text(care, "endDate");
      row.result = text(care, "result");
      form.conservativeCare.add(row);
    }
    form.conservativeCare.add(new Care());
    form.lastCorticosteroidInjection = text(details, "lastCorticosteroidInjection");
    details.path("healthFactors").forEach(factor -> form.healthFactors.add(factor.asString()));
    form.priorSurgery = details.path("priorSurgery").asBoolean(false);
    form.priorSurgeryNote = text(details, "priorSurgeryNote");
    form.preferredCellSource = text(details, "preferredCellSource");
    form.expectedCoverage = text(details, "expectedCoverage");
    form.selfPayAcknowledged = details.path("selfPayAcknowledged").asBoolean(false);
    JsonNode preferences = details.path("schedulingPreferences");
    preferences.path("weekdays").forEach(day -> form.weekdays.add(day.asString()));
    preferences.path("dayParts").forEach(part -> form.dayParts.add(part.asString()));
    return form;
  }

  /**
   * The request body, and where each of its conservative-care entries came from: rows left empty
   * are not sent, so the service's {@code conservativeCare[1]} may be the form's third row.
   */
  Request toRequest() {
    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, Object> p = new LinkedHashMap<>();
    put(p, "givenName", patient.givenName);
    put(p, "familyName", patient.familyName);
    put(p, "dateOfBirth", patient.dateOfBirth);
    put(p, "sex", patient.sex);
    put(p, "mobilePhone", TypedPhoneNumber.normalized(patient.mobilePhone));
    put(p, "email", patient.email);
    put(p, "language", patient.language);
    put(p, "preferredChannel", patient.preferredChannel);
    p.put("smsConsent", patient.smsConsent);
    put(p, "timeZone", patient.timeZone);
    body.put("patient", p);
    Map<String, Object> d = new LinkedHashMap<>();
    put(d, "name", physician.name);
    put(d, "npi", physician.npi);
    put(d, "practice", physician.practice);
    put(d, "phone", TypedPhoneNumber.normalized(physician.phone));
    put(d, "email", physician.email);
    body.put("physician", d);
    put(body, "condition", condition);
    put(body, "side", side);
    put(body, "icd10Code", icd10Code);
    put(body, "symptomOnset", symptomOnset);
    if (!isBlank(kellgrenLawrenceGrade)) {
      body.put("kellgrenLawrenceGrade", number(kellgrenLawrenceGrade));
    }
    put(body, "fractureDate", fractureDate);
    List<Map<String, Object>> care = new ArrayList<>();
    List<Integer> careRows = new ArrayList<>();
    for (int row = 0; row < conservativeCare.size(); row++) {
      Care entry = conservativeCare.get(row);
      if (entry == null || entry.isEmpty()) {
        continue;
      }
      Map<String, Object> c = new LinkedHashMap<>();
      put(c, "modality", entry.modality);
      put(c, "startDate", entry.startDate);
      put(c, "endDate", entry.endDate);
      put(c, "result", entry.result);
      care.add(c);
      careRows.add(row);
    }
    body.put("conservativeCare", care);
    put(body, "lastCorticosteroidInjection", lastCorticosteroidInjection);
    body.put("healthFactors", List.copyOf(healthFactors));
    body.put("priorSurgery", priorSurgery);
    put(body, "priorSurgeryNote", priorSurgeryNote);
    put(body, "preferredCellSource", preferredCellSource);
    put(body, "expectedCoverage", expectedCoverage);
    body.put("selfPayAcknowledged", selfPayAcknowledged);
    if (!weekdays.isEmpty() || !dayParts.isEmpty()) {
      Map<String, Object> preferences = new LinkedHashMap<>();
      preferences.put("weekdays", List.copyOf(weekdays));
      preferences.put("dayParts", List.copyOf(dayParts));
      body.put("schedulingPreferences", preferences);
    }
    return new Request(body, List.copyOf(careRows));
  }

  /**
   * The request body and its conservative-care rows' places on the form.
   *
   * @param careRows {@code careRows.get(i)} is the form row of the service's {@code
   *     conservativeCare[i]}
   */
  record Request(Map<String, Object> body, List<Integer> careRows) {

    /**
     * The form's name for a field the service named: {@code conservativeCare[i]} renumbered to its
     * form row, and the rule-level fields put where the person can fix them.
     */
    String formField(String serviceField) {
      String field = serviceField;
      java.util.regex.Matcher care =
          java.util.regex.Pattern.compile("^conservativeCare\\[(\\d+)]").matcher(field);
      if (care.find()) {
        int index = Integer.parseInt(care.group(1));
        int row = index < careRows.size() ? careRows.get(index) : index;
        field = "conservativeCare[" + row + "]" + field.substring(care.end());
      }
      return switch (field.replaceAll("\\[\\d+]", "[]")) {
        case "patient.reachable" -> "patient.email";
        case "patient.timeZoneKnown" -> "patient.timeZone";
        case "conservativeCare[].chronological" -> field.replace(".chronological", ".endDate");
        case "schedulingPreferences.weekdays" -> "weekdays";
        case "schedulingPreferences.dayParts" -> "dayParts";
        default -> field;
      };
    }
  }

  /** Adds an empty row of conservative care (the "Add a row" button). */
  void addCareRow() {
    conservativeCare.add(new Care());
  }

  private static Object number(String value) {
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException notANumber) {
      // The service answers "has the wrong type or format" for the field.
      return value;
    }
  }

  private static void put(Map<String, Object> map, String key, String value) {
    if (!isBlank(value)) {
      map.put(key, value.strip());
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? "" : value.asString();
  }

  public static class Patient {
    private String givenName = "";
    private String familyName = "";
    private String dateOfBirth = "";
    private String sex = "";
    private String mobilePhone = "";
    private String email = "";
    private String language = "";
    private String preferredChannel = "";
    private boolean smsConsent;
    private String timeZone = "";

    public String getGivenName() {
      return givenName;
    }

    public void setGivenName(String v) {
      givenName = v;
    }

    public String getFamilyName() {
      return familyName;
    }

    public void setFamilyName(String v) {
      familyName = v;
    }

    public String getDateOfBirth() {
      return dateOfBirth;
    }

    public void setDateOfBirth(String v) {
      dateOfBirth = v;
    }

    public String getSex() {
      return sex;
    }

    public void setSex(String v) {
      sex = v;
    }

    public String getMobilePhone() {
      return mobilePhone;
    }

    public void setMobilePhone(String v) {
      mobilePhone = v;
    }

    public String getEmail() {
      return email;
    }

    public void setEmail(String v) {
      email = v;
    }

    public String getLanguage() {
      return language;
    }

    public void setLanguage(String v) {
      language = v;
    }

    public String getPreferredChannel() {
      return preferredChannel;
    }

    public void setPreferredChannel(String v) {
      preferredChannel = v;
    }

    public boolean isSmsConsent() {
      return smsConsent;
    }

    public void setSmsConsent(boolean v) {
      smsConsent = v;
    }

    public String getTimeZone() {
      return timeZone;
    }

    public void setTimeZone(String v) {
      timeZone = v;
    }

    /** The patient's name for the page (never for a log or a URL). */
    public String fullName() {
      return (givenName + " " + familyName).strip();
    }
  }

  public static class Physician {
    private String name = "";
    private String npi = "";
    private String practice = "";
    private String phone = "";
    private String email = "";

    public String getName() {
      return name;
    }

    public void setName(String v) {
      name = v;
    }

    public String getNpi() {
      return npi;
    }

    public void setNpi(String v) {
      npi = v;
    }

    public String getPractice() {
      return practice;
    }

    public void setPractice(String v) {
      practice = v;
    }

    public String getPhone() {
      return phone;
    }

    public void setPhone(String v) {
      phone = v;
    }

    public String getEmail() {
      return email;
    }

    public void setEmail(String v) {
      email = v;
    }
  }

  /** One course of conservative care; no end date means ongoing. */
  public static class Care {
    private String modality = "";
    private String startDate = "";
    private String endDate = "";
    private String result = "";

    public String getModality() {
      return modality;
    }

    public void setModality(String v) {
      modality = v;
    }

    public String getStartDate() {
      return startDate;
    }

    public void setStartDate(String v) {
      startDate = v;
    }

    public String getEndDate() {
      return endDate;
    }

    public void setEndDate(String v) {
      endDate = v;
    }

    public String getResult() {
      return result;
    }

    public void setResult(String v) {
      result = v;
    }

    boolean isEmpty() {
      return isBlank(modality) && isBlank(startDate) && isBlank(endDate) && isBlank(result);
    }
  }

  public Patient getPatient() {
    return patient;
  }

  public void setPatient(Patient v) {
    patient = v;
  }

  public Physician getPhysician() {
    return physician;
  }

  public void setPhysician(Physician v) {
    physician = v;
  }

  public String getCondition() {
    return condition;
  }

  public void setCondition(String v) {
    condition = v;
  }

  public String getSide() {
    return side;
  }

  public void setSide(String v) {
    side = v;
  }

  public String getIcd10Code() {
    return icd10Code;
  }

  public void setIcd10Code(String v) {
    icd10Code = v;
  }

  public String getSymptomOnset() {
    return symptomOnset;
  }

  public void setSymptomOnset(String v) {
    symptomOnset = v;
  }

  public String getKellgrenLawrenceGrade() {
    return kellgrenLawrenceGrade;
  }

  public void setKellgrenLawrenceGrade(String v) {
    kellgrenLawrenceGrade = v;
  }

  public String getFractureDate() {
    return fractureDate;
  }

  public void setFractureDate(String v) {
    fractureDate = v;
  }

  public List<Care> getConservativeCare() {
    return conservativeCare;
  }

  public void setConservativeCare(List<Care> v) {
    conservativeCare = v;
  }

  public String getLastCorticosteroidInjection() {
    return lastCorticosteroidInjection;
  }

  public void setLastCorticosteroidInjection(String v) {
    lastCorticosteroidInjection = v;
  }

  public List<String> getHealthFactors() {
    return healthFactors;
  }

  public void setHealthFactors(List<String> v) {
    healthFactors = v == null ? new ArrayList<>() : v;
  }

  public boolean isPriorSurgery() {
    return priorSurgery;
  }

  public void setPriorSurgery(boolean v) {
    priorSurgery = v;
  }

  public String getPriorSurgeryNote() {
    return priorSurgeryNote;
  }

  public void setPriorSurgeryNote(String v) {
    priorSurgeryNote = v;
  }

  public String getPreferredCellSource() {
    return preferredCellSource;
  }

  public void setPreferredCellSource(String v) {
    preferredCellSource = v;
  }

  public String getExpectedCoverage() {
    return expectedCoverage;
  }

  public void setExpectedCoverage(String v) {
    expectedCoverage = v;
  }

  public boolean isSelfPayAcknowledged() {
    return selfPayAcknowledged;
  }

  public void setSelfPayAcknowledged(boolean v) {
    selfPayAcknowledged = v;
  }

  public List<String> getWeekdays() {
    return weekdays;
  }

  public void setWeekdays(List<String> v) {
    weekdays = v == null ? new ArrayList<>() : v;
  }

  public List<String> getDayParts() {
    return dayParts;
  }

  public void setDayParts(List<String> v) {
    dayParts = v == null ? new ArrayList<>() : v;
  }

  public String getIdempotencyKey() {
    return idempotencyKey;
  }

  public void setIdempotencyKey(String v) {
    idempotencyKey = v;
  }
}
