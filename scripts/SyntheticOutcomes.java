import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Synthetic cases with outcomes for a local stack's referral-service database (see
 * synthetic-outcomes.sh). Deterministic: the same count gives the same cases. The figures are made
 * up to look alive (improvement that varies with age, smoking and diabetes); they say nothing about
 * the therapy.
 */
public class SyntheticOutcomes {

  static final String PREFIX = "Synthetic-";
  static final String NPI = "1999999993";
  static final String[] CONDITIONS = {
    "ACHILLES_TENDON_INJURY",
    "POSTERIOR_TIBIAL_TENDON_DYSFUNCTION",
    "CHRONIC_LATERAL_ANKLE_INSTABILITY",
    "TENDON_OR_LIGAMENT_TEAR",
    "ANKLE_OSTEOARTHRITIS",
    "NON_HEALING_FRACTURE"
  };
  static final String[] CELL_SOURCES = {"BONE_MARROW", "BONE_MARROW", "ADIPOSE", "UMBILICAL_CORD"};
  static final String[] FAOS = {
    "FAOS_PAIN", "FAOS_SYMPTOMS", "FAOS_ADL", "FAOS_SPORT_REC", "FAOS_QOL"
  };
  static final String[] TIME_POINTS = {"BASELINE", "WEEK_6", "WEEK_12", "WEEK_24"};
  static final int[] WEEKS = {0, 6, 12, 24};
  /** How likely a patient answers at each time point. */
  static final double[] RESPONSE = {0.95, 0.85, 0.78, 0.7};

  public static void main(String[] args) throws SQLException {
    boolean remove = args.length > 0 && args[0].equals("--remove");
    int count = !remove && args.length > 0 ? Integer.parseInt(args[0]) : 300;
    String url = env("REFERRAL_DB_URL", "jdbc:postgresql://localhost:5433/referral");
    String user = env("REFERRAL_DB_USER", "postgres");
    try (Connection db = DriverManager.getConnection(url, user, System.getenv("REFERRAL_DB_PASSWORD"))) {
      db.setAutoCommit(false);
      int removed = remove(db);
      if (!remove) {
        insert(db, count);
      }
      db.commit();
      System.out.println(
          remove
              ? "Removed " + removed + " synthetic cases."
              : "Removed " + removed + " synthetic cases made before; added " + count
                  + ". Open the console's Outcomes page (reviewer or admin): http://localhost:8084/insights/outcomes");
    }
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static int remove(Connection db) throws SQLException {
    String synthetic =
        "select id from referral where details -> 'patient' ->> 'familyName' like '" + PREFIX + "%'";
    String surveys = "select id from outcome_survey where referral_id in (" + synthetic + ")";
    try (var statement = db.createStatement()) {
      // What the product made of them since (a 12-week task, a report) goes with them.
      String tasks = "select id from outcome_task where referral_id in (" + synthetic + ")";
      statement.executeUpdate("delete from outcome_task_finding where task_id in (" + tasks + ")");
      statement.executeUpdate("delete from outcome_task where referral_id in (" + synthetic + ")");
      statement.executeUpdate("delete from outcome_report where referral_id in (" + synthetic + ")");
      statement.executeUpdate("delete from outcome_score where survey_id in (" + surveys + ")");
      statement.executeUpdate("delete from outcome_answer where survey_id in (" + surveys + ")");
      statement.executeUpdate("delete from outcome_survey where referral_id in (" + synthetic + ")");
      statement.executeUpdate("delete from eligibility_review where referral_id in (" + synthetic + ")");
      statement.executeUpdate("delete from referral_timeline where referral_id in (" + synthetic + ")");
      return statement.executeUpdate(
          "delete from referral where details -> 'patient' ->> 'familyName' like '" + PREFIX + "%'");
    }
  }

  static void insert(Connection db, int count) throws SQLException {
    Random random = new Random(20);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (PreparedStatement referral =
            db.prepareStatement(
                "insert into referral (id, status, physician_npi, details, submitted_at, updated_at,"
                    + " patient_key, condition, side)"
                    + " values (?, 'COMPLETED', ?, cast(? as jsonb), ?, ?,"
                    + " encode(sha256(convert_to(?, 'UTF8')), 'hex'), ?, 'LEFT')");
        PreparedStatement timeline =
            db.prepareStatement(
                "insert into referral_timeline (referral_id, status, occurred_at, note) values (?, ?, ?, ?)");
        PreparedStatement review =
            db.prepareStatement(
                "insert into eligibility_review (id, referral_id, state, recommendation, findings, opened_at,"
                    + " decided_at, decision, decision_detail)"
                    + " values (?, ?, 'APPROVED', 'LIKELY_ELIGIBLE', '[]', ?, ?, 'APPROVED', cast(? as jsonb))");
        PreparedStatement survey =
            db.prepareStatement(
                "insert into outcome_survey (id, referral_id, time_point, state, injection_done, due_at,"
                    + " closes_at, opened_at, completed_at) values (?, ?, ?, ?, true, ?, ?, ?, ?)");
        PreparedStatement score =
            db.prepareStatement(
                "insert into outcome_score (survey_id, instrument, subscale, score, answered)"
                    + " values (?, ?, ?, ?, ?)")) {
      for (int i = 1; i <= count; i++) {
        UUID id = UUID.randomUUID();
        String condition = CONDITIONS[random.nextInt(CONDITIONS.length)];
        String cellSource = CELL_SOURCES[random.nextInt(CELL_SOURCES.length)];
        int age = 25 + random.nextInt(55);
        List<String> factors = new ArrayList<>();
        if (random.nextDouble() < 0.22) factors.add("SMOKING");
        if (random.nextDouble() < 0.15) factors.add("DIABETES");
        if (random.nextDouble() < 0.08) factors.add("OSTEOPOROSIS");
        Integer grade = condition.equals("ANKLE_OSTEOARTHRITIS") ? 1 + random.nextInt(4) : null;
        // Submitted 30 weeks to two years ago, injected about 6 weeks later: every time point is past.
        Instant submitted = now.minus(210 + random.nextInt(520), ChronoUnit.DAYS);
        Instant injected = submitted.plus(35 + random.nextInt(20), ChronoUnit.DAYS);
        LocalDate born =
            LocalDate.ofInstant(submitted, ZoneOffset.UTC).minusYears(age).minusDays(random.nextInt(300));
        String family = PREFIX + String.format("%04d", i);
        referral.setObject(1, id);
        referral.setString(2, NPI);
        referral.setString(3, details(family, born, condition, grade, factors, cellSource, i));
        referral.setTimestamp(4, Timestamp.from(submitted));
        referral.setTimestamp(5, Timestamp.from(injected));
        // The duplicate check's key, made as referral-service makes it (names and date of birth).
        referral.setString(6, "demo|" + family.toLowerCase() + "|" + born);
        referral.setString(7, condition);
        referral.addBatch();
        for (String[] entry :
            new String[][] {{"SUBMITTED", "0"}, {"APPROVED", "2"}, {"COMPLETED", "-1"}}) {
          Instant at =
              entry[1].equals("-1") ? injected : submitted.plus(Long.parseLong(entry[1]), ChronoUnit.DAYS);
          timeline.setObject(1, id);
          timeline.setString(2, entry[0]);
          timeline.setTimestamp(3, Timestamp.from(at));
          timeline.setString(4, "Synthetic demo case");
          timeline.addBatch();
        }
        review.setObject(1, UUID.randomUUID());
        review.setObject(2, id);
        review.setTimestamp(3, Timestamp.from(submitted));
        review.setTimestamp(4, Timestamp.from(submitted.plus(2, ChronoUnit.DAYS)));
        review.setString(
            5,
            "{\"cellSource\":\"" + cellSource + "\",\"injectionSite\":\"Synthetic demo\",\"decidedBy\":\"synthetic-demo\"}");
        review.addBatch();

        // How much this patient improves by 24 weeks (0-1 of the room to improve), varied by who they are.
        double response =
            clamp(
                0.55 + random.nextGaussian() * 0.3 - (age >= 60 ? 0.15 : age < 40 ? -0.05 : 0)
                    - (factors.contains("SMOKING") ? 0.15 : 0)
                    - (factors.contains("DIABETES") ? 0.12 : 0)
                    + (cellSource.equals("BONE_MARROW") ? 0.05 : 0),
                -0.3,
                1);
        double painBefore = 5 + random.nextInt(5);
        double[] faosBefore = new double[FAOS.length];
        for (int f = 0; f < FAOS.length; f++) {
          faosBefore[f] = 20 + random.nextInt(45);
        }
        for (int t = 0; t < TIME_POINTS.length; t++) {
          Instant due =
              t == 0
                  ? submitted.plus(2, ChronoUnit.DAYS)
                  : injected.plus(WEEKS[t] * 7L, ChronoUnit.DAYS);
          boolean answered = random.nextDouble() < RESPONSE[t];
          UUID surveyId = UUID.randomUUID();
          survey.setObject(1, surveyId);
          survey.setObject(2, id);
          survey.setString(3, TIME_POINTS[t]);
          survey.setString(4, answered ? "COMPLETED" : "MISSED");
          survey.setTimestamp(5, Timestamp.from(due));
          survey.setTimestamp(6, Timestamp.from(due.plus(14, ChronoUnit.DAYS)));
          survey.setTimestamp(7, Timestamp.from(due));
          survey.setTimestamp(
              8, answered ? Timestamp.from(due.plus(1 + random.nextInt(5), ChronoUnit.DAYS)) : null);
          survey.addBatch();
          if (!answered) {
            continue;
          }
          // The share of the 24-week improvement reached by each time point.
          double reached = new double[] {0, 0.45, 0.8, 1}[t];
          double pain =
              clamp(Math.round(painBefore - painBefore * response * reached + random.nextGaussian()), 0, 10);
          score(score, surveyId, "PAIN_NRS", "NRS_PAIN", BigDecimal.valueOf((long) pain), 1);
          for (int f = 0; f < FAOS.length; f++) {
            double value =
                faosBefore[f]
                    + (100 - faosBefore[f]) * response * reached
                    + random.nextGaussian() * 6;
            // FAOS scores step by 100 / (4 x items); two decimals as the service keeps them.
            score(
                score,
                surveyId,
                "FAOS",
                FAOS[f],
                BigDecimal.valueOf(clamp(value, 0, 100)).setScale(2, RoundingMode.HALF_UP),
                new int[] {9, 7, 17, 5, 4}[f]);
          }
        }
      }
      referral.executeBatch();
      timeline.executeBatch();
      review.executeBatch();
      survey.executeBatch();
      score.executeBatch();
    }
  }

  static void score(
      PreparedStatement score, UUID survey, String instrument, String subscale, BigDecimal value, int answered)
      throws SQLException {
    score.setObject(1, survey);
    score.setString(2, instrument);
    score.setString(3, subscale);
    score.setBigDecimal(4, value);
    score.setInt(5, answered);
    score.addBatch();
  }

  static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }

  static String details(
      String family,
      LocalDate born,
      String condition,
      Integer grade,
      List<String> factors,
      String cellSource,
      int n) {
    StringBuilder healthFactors = new StringBuilder("[");
    for (int i = 0; i < factors.size(); i++) {
      healthFactors.append(i == 0 ? "" : ",").append('"').append(factors.get(i)).append('"');
    }
    healthFactors.append(']');
    return """
        {"patient":{"givenName":"Demo","familyName":"%s","dateOfBirth":"%s","sex":"UNDISCLOSED",
          "email":"synthetic-%d@example.invalid","language":"%s","preferredChannel":"EMAIL","smsConsent":false,
          "timeZone":"America/Los_Angeles"},
         "physician":{"name":"Dr. Synthetic Demo","npi":"%s","practice":"Synthetic Demo Practice",
          "email":"synthetic-demo@example.invalid"},
         "condition":"%s","side":"LEFT","kellgrenLawrenceGrade":%s,"conservativeCare":[],"healthFactors":%s,
         "priorSurgery":false,"preferredCellSource":"%s","expectedCoverage":"NONE_EXPECTED","selfPayAcknowledged":true}
        """
        .formatted(
            family,
            born,
            n,
            n % 4 == 0 ? "es" : "en",
            NPI,
            condition,
            grade == null ? "null" : grade.toString(),
            healthFactors,
            cellSource);
  }
}
