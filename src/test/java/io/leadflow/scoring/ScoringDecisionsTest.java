package io.leadflow.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.leadflow.ProcessTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every rule of dmn/LeadScoring.dmn, dmn/LeadSegment.dmn, dmn/FitGrade.dmn and dmn/MqlQualification.dmn, evaluated by
 * the engine's decision service as the process does, plus the edges: one below a threshold, missing inputs, a country
 * nobody serves.
 */
@ProcessTest
class ScoringDecisionsTest {

  /** A lead that matches no scoring rule: nothing known about them. */
  private static Map<String, Object> neutralLead() {
    Map<String, Object> facts = new HashMap<>();
    for (String name : List.of("industry", "companySize", "jobLevel", "persona", "budget", "authority", "need",
        "timeframe", "country", "companyDomain", "jobTitle", "firstName", "lastName", "daysSinceDemoRequest",
        "daysSincePricingVisit", "daysSinceTradeShowVisit")) {
      facts.put(name, null);
    }
    facts.put("freeMailAddress", false);
    facts.put("unsubscribed", false);
    for (String count : List.of("pricingVisitsLast30Days", "downloadsLast90Days", "webinarsLast90Days",
        "emailClicksLast30Days", "pageVisitsLast30Days")) {
      facts.put(count, 0);
    }
    return facts;
  }

  @Autowired
  DecisionService decisions;

  static Stream<Arguments> scoringRules() {
    return Stream.of(
        arguments("IcpIndustry", Map.of("industry", "SOFTWARE"), "FIT", 15),
        arguments("EnterpriseSize", Map.of("companySize", 1000), "FIT", 15),
        arguments("MidMarketSize", Map.of("companySize", 100), "FIT", 10),
        arguments("MidMarketSize (upper edge)", Map.of("companySize", 999), "FIT", 10),
        arguments("SmallBusinessSize", Map.of("companySize", 20), "FIT", 5),
        arguments("DecisionMaker", Map.of("jobLevel", "DECISION_MAKER"), "FIT", 15),
        arguments("Influencer", Map.of("jobLevel", "INFLUENCER"), "FIT", 8),
        arguments("User", Map.of("jobLevel", "USER"), "FIT", 2),
        arguments("TargetPersona", Map.of("persona", "IT_LEADER"), "FIT", 5),
        arguments("CountryServed", Map.of("country", "DE"), "FIT", 5),
        arguments("CountryNotServed (unknown country)", Map.of("country", "KP"), "FIT", -10),
        arguments("BudgetConfirmed", Map.of("budget", "CONFIRMED"), "FIT", 15),
        arguments("BudgetPlanned", Map.of("budget", "PLANNED"), "FIT", 8),
        arguments("NoBudget", Map.of("budget", "NONE"), "FIT", -5),
        arguments("AuthorityToDecide", Map.of("authority", "DECISION_MAKER"), "FIT", 10),
        arguments("AuthorityToInfluence", Map.of("authority", "INFLUENCER"), "FIT", 5),
        arguments("OfficialProject", Map.of("need", "OFFICIAL_PROJECT"), "FIT", 15),
        arguments("Evaluating", Map.of("need", "EVALUATING"), "FIT", 8),
        arguments("DecisionWithin3Months", Map.of("timeframe", "WITHIN_3_MONTHS"), "FIT", 15),
        arguments("DecisionWithin6Months", Map.of("timeframe", "WITHIN_6_MONTHS"), "FIT", 10),
        arguments("DecisionWithin12Months", Map.of("timeframe", "WITHIN_12_MONTHS"), "FIT", 5),
        arguments("FreeMail", Map.of("freeMailAddress", true), "FIT", -10),
        arguments("Competitor", Map.of("companyDomain", "rivalsoft.example"), "DISQUALIFIER", -100),
        arguments("Student", Map.of("jobTitle", "Working Student"), "DISQUALIFIER", -50),
        arguments("JobSeeker", Map.of("jobTitle", "Looking for new challenges"), "DISQUALIFIER", -50),
        arguments("PlaceholderFirstName", Map.of("firstName", "Asdf"), "DISQUALIFIER", -100),
        arguments("PlaceholderLastName", Map.of("lastName", "Test"), "DISQUALIFIER", -100),
        arguments("Unsubscribed", Map.of("unsubscribed", true), "BEHAVIOUR", -20),
        arguments("RecentHandRaiser", Map.of("daysSinceDemoRequest", 30), "HAND_RAISER", 30),
        arguments("OlderHandRaiser (decayed)", Map.of("daysSinceDemoRequest", 31), "BEHAVIOUR", 10),
        arguments("PricingPageRepeatedly", Map.of("pricingVisitsLast30Days", 2), "BEHAVIOUR", 20),
        arguments("PricingPageOnce", Map.of("pricingVisitsLast30Days", 1), "BEHAVIOUR", 10),
        arguments("PricingPageEarlier (decayed)", Map.of("daysSincePricingVisit", 45), "BEHAVIOUR", 5),
        arguments("SeveralDownloads", Map.of("downloadsLast90Days", 2), "BEHAVIOUR", 10),
        arguments("OneDownload", Map.of("downloadsLast90Days", 1), "BEHAVIOUR", 5),
        arguments("WebinarAttended", Map.of("webinarsLast90Days", 1), "BEHAVIOUR", 10),
        arguments("ManyEmailClicks", Map.of("emailClicksLast30Days", 3), "BEHAVIOUR", 10),
        arguments("SomeEmailClicks", Map.of("emailClicksLast30Days", 2), "BEHAVIOUR", 5),
        arguments("FrequentVisitor", Map.of("pageVisitsLast30Days", 5), "BEHAVIOUR", 5),
        arguments("TradeShowVisit", Map.of("daysSinceTradeShowVisit", 60), "BEHAVIOUR", 10));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scoringRules")
  void shouldAddTheRulesPointsAndReason(String rule, Map<String, Object> facts, String category, int points) {
    Map<String, Object> lead = neutralLead();
    lead.putAll(facts);

    List<Map<String, Object>> matched = scoring(lead);

    assertThat(matched).hasSize(1);
    assertThat(matched.get(0)).containsEntry("scoreCategory", category).containsEntry("scorePoints", points);
    assertThat((String) matched.get(0).get("scoreReason")).isNotBlank();
  }

  static Stream<Arguments> justBelowTheBand() {
    return Stream.of(
        arguments("SmallBusinessSize: 19 employees", Map.of("companySize", 19)),
        arguments("OlderHandRaiser: 91 days ago", Map.of("daysSinceDemoRequest", 91)),
        arguments("PricingPageEarlier: 91 days ago", Map.of("daysSincePricingVisit", 91)),
        arguments("TradeShowVisit: 61 days ago", Map.of("daysSinceTradeShowVisit", 61)),
        arguments("Student: a title that merely contains 'stud' elsewhere", Map.of("jobTitle", "Studio manager")),
        arguments("PlaceholderLastName: a real name", Map.of("lastName", "Testa")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("justBelowTheBand")
  void shouldGiveNoPointsJustOutsideARulesBand(String edge, Map<String, Object> facts) {
    Map<String, Object> lead = neutralLead();
    lead.putAll(facts);

    assertThat(scoring(lead)).isEmpty();
  }

  @Test
  void shouldGiveNoPointsWhenNothingIsKnown() {
    assertThat(scoring(neutralLead())).isEmpty();
  }

  @Test
  void shouldExplainEveryPointOfAFittingHandRaiser() {
    Map<String, Object> lead = neutralLead();
    lead.putAll(Map.of("country", "DE", "industry", "SOFTWARE", "companySize", 1200, "jobLevel", "DECISION_MAKER",
        "daysSinceDemoRequest", 0, "pricingVisitsLast30Days", 2));

    List<Map<String, Object>> matched = scoring(lead);

    assertThat(matched).extracting(rule -> rule.get("scoreReason")).containsExactly(
        "Industry in the ideal customer profile", "Enterprise size (1,000+ employees)", "Decision maker",
        "Country we serve", "Asked for a demo or contact in the last 30 days",
        "Visited the pricing page repeatedly in the last 30 days");
    assertThat(matched.stream().mapToInt(rule -> (Integer) rule.get("scorePoints")).sum()).isEqualTo(100);
  }

  static Stream<Arguments> segments() {
    return Stream.of(
        arguments("Enterprise", 1000, "ENTERPRISE"),
        arguments("MidMarket (upper edge)", 999, "MID_MARKET"),
        arguments("MidMarket", 100, "MID_MARKET"),
        arguments("SmallBusiness (99)", 99, "SMB"),
        arguments("SmallBusiness (1)", 1, "SMB"),
        arguments("SizeUnknown", null, "UNKNOWN"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("segments")
  void shouldSegmentByCompanySize(String rule, Integer companySize, String segment) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("companySize", companySize);

    assertThat(single("LeadSegment", facts)).containsEntry("segment", segment);
  }

  static Stream<Arguments> grades() {
    return Stream.of(
        arguments("GradeA", 50, "A"),
        arguments("GradeB (A minus one)", 49, "B"),
        arguments("GradeB", 30, "B"),
        arguments("GradeC (B minus one)", 29, "C"),
        arguments("GradeC", 15, "C"),
        arguments("GradeD (C minus one)", 14, "D"),
        arguments("GradeD (negative)", -100, "D"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grades")
  void shouldGradeTheFit(String rule, int fitScore, String grade) {
    assertThat(single("FitGrade", Map.of("fitScore", fitScore))).containsEntry("fitGrade", grade);
  }

  static Stream<Arguments> qualifications() {
    return Stream.of(
        arguments("Disqualified (even a high-scoring hand-raiser)", "Works for a competitor", null, true, "A",
            "ENTERPRISE", 120, "DISQUALIFIED", "Works for a competitor"),
        arguments("Disqualified (even during a hold-off)", "Student", "2027-02-01", false, "D", "SMB", 0,
            "DISQUALIFIED", "Student"),
        arguments("HoldOff (a lead sales sent back, above the threshold)", null, "2027-02-01", false, "A",
            "ENTERPRISE", 90, "NURTURE",
            "Sent back by sales: rests in nurture until 2027-02-01 unless it asks for a demo or contact"),
        arguments("FittingHandRaiser (score far below any threshold)", null, null, true, "C", "SMB", 5, "MQL",
            "Hand-raiser with a fitting profile (grade C)"),
        arguments("HandRaiserToReview: a hand-raiser who does not fit", null, null, true, "D", "SMB", 5, "REVIEW",
            "Asked for a demo or contact, but the profile does not fit (grade D): marketing ops decide"),
        arguments("HandRaiserToReview: grade D above the threshold still reaches a person", null, null, true, "D",
            "SMB", 80, "REVIEW",
            "Asked for a demo or contact, but the profile does not fit (grade D): marketing ops decide"),
        arguments("EnterpriseThreshold", null, null, false, "A", "ENTERPRISE", 50, "MQL",
            "Score 50 reaches the enterprise threshold of 50"),
        arguments("NotYet: enterprise threshold minus one", null, null, false, "A", "ENTERPRISE", 49, "NURTURE",
            "Score 49 is below the MQL threshold for its segment"),
        arguments("MidMarketThreshold", null, null, false, "B", "MID_MARKET", 60, "MQL",
            "Score 60 reaches the mid-market threshold of 60"),
        arguments("NotYet: mid-market threshold minus one", null, null, false, "B", "MID_MARKET", 59, "NURTURE",
            "Score 59 is below the MQL threshold for its segment"),
        arguments("SmallBusinessThreshold", null, null, false, "B", "SMB", 70, "MQL",
            "Score 70 reaches the threshold of 70"),
        arguments("NotYet: small business threshold minus one", null, null, false, "B", "SMB", 69, "NURTURE",
            "Score 69 is below the MQL threshold for its segment"),
        arguments("SmallBusinessThreshold: segment unknown", null, null, false, "B", "UNKNOWN", 70, "MQL",
            "Score 70 reaches the threshold of 70"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("qualifications")
  void shouldQualify(String rule, String disqualifier, String holdOffUntil, boolean handRaiser, String fitGrade,
      String segment, int score, String qualification, String reason) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("disqualifier", disqualifier);
    facts.put("holdOffUntil", holdOffUntil);
    facts.put("handRaiser", handRaiser);
    facts.put("fitGrade", fitGrade);
    facts.put("segment", segment);
    facts.put("score", score);

    assertThat(single("MqlQualification", facts))
        .containsEntry("qualification", qualification)
        .containsEntry("qualificationReason", reason);
  }

  private List<Map<String, Object>> scoring(Map<String, Object> facts) {
    return decisions.evaluateDecisionTableByKey(LeadScoring.SCORING_DECISION).variables(facts).evaluate()
        .getResultList();
  }

  private Map<String, Object> single(String decision, Map<String, Object> facts) {
    return decisions.evaluateDecisionTableByKey(decision).variables(facts).evaluate().getSingleResult()
        .getEntryMap();
  }
}
