package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.bench.Figures;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.junit.jupiter.api.Test;

/**
 * The scoring table (dmn/LeadScoring.dmn, 39 rules over 23 inputs, the largest table a lead passes) evaluated by the
 * DMN engine alone, one thread, on three expression setups: FEEL as Camunda 7.24 runs it, FEEL with every cell parsed
 * once (what Leadflow ships, {@link ParsedOnceFeel}), and the legacy mode ({@code dmnFeelEnableLegacyBehavior}: JUEL
 * for expressions, the old JUEL-based FEEL for input entries). The legacy mode cannot read FEEL functions, so its copy
 * of the table has the five cells that use them ({@code lower case()}, {@code contains()}) and every expression
 * written in JUEL; the other input entries stay as they are. Every setup scores the same generated leads, and the
 * benchmark counts the leads whose result differs from FEEL's. No history, no database: the tables' own cost.
 */
class DecisionBench {

  private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
  private static final int LEADS = 2_000;
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
  private static final Pattern LOWER_CASE = Pattern.compile("lower case\\(([A-Za-z][A-Za-z0-9]*)\\)");
  private static final Pattern CONTAINS = Pattern.compile("contains\\(\\?, (\"[^\"]*\")\\)");

  @Test
  void scoringTableOnEachExpressionSetup() throws Exception {
    List<VariableMap> leads = leads(new Random(20261124L));
    DmnEngine feelEngine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DmnDecision feel = decision(feelEngine, Dmn.readModelFromFile(Path.of("dmn", "LeadScoring.dmn").toFile()));
    DefaultDmnEngineConfiguration parsedOnceConfiguration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    parsedOnceConfiguration.setFeelEngineFactory(
        () -> new ParsedOnceFeel.DecisionFeel(parsedOnceConfiguration.getFeelCustomFunctionProviders()));
    DmnEngine parsedOnceEngine = parsedOnceConfiguration.buildEngine();
    DmnDecision parsedOnce = decision(parsedOnceEngine, Dmn.readModelFromFile(Path.of("dmn", "LeadScoring.dmn")
        .toFile()));
    DmnEngine legacyEngine = ((DefaultDmnEngineConfiguration) DmnEngineConfiguration
        .createDefaultDmnEngineConfiguration()).enableFeelLegacyBehavior(true).buildEngine();
    DmnDecision legacy = decision(legacyEngine, legacyCopy());

    List<String> byFeel = results(feelEngine, feel, leads);
    assertThat(results(parsedOnceEngine, parsedOnce, leads)).as("FEEL parsed once scores as FEEL does")
        .isEqualTo(byFeel);
    List<String> byLegacy = results(legacyEngine, legacy, leads);
    long differ = 0;
    String example = null;
    for (int lead = 0; lead < LEADS; lead++) {
      if (!byLegacy.get(lead).equals(byFeel.get(lead))) {
        differ++;
        example = example != null ? example : leads.get(lead) + "\n    FEEL:   " + byFeel.get(lead)
            + "\n    legacy: " + byLegacy.get(lead);
      }
    }

    Figures figures = new Figures("decisions");
    double camunda = evaluationsPerSecond(feelEngine, feel, leads);
    double once = evaluationsPerSecond(parsedOnceEngine, parsedOnce, leads);
    double old = evaluationsPerSecond(legacyEngine, legacy, leads);
    figures.add("FEEL as Camunda 7.24 runs it", camunda, "eval/s");
    figures.add("FEEL parsed once (shipped)", once, "eval/s");
    figures.add("legacy mode (JUEL and JUEL-based FEEL)", old, "eval/s");
    figures.add("FEEL parsed once / FEEL", once / camunda, "ratio");
    figures.add("legacy mode / FEEL", old / camunda, "ratio");
    figures.add("legacy mode / FEEL parsed once", old / once, "ratio");
    figures.add("leads scored differently by the legacy mode (of " + LEADS + ")", differ, "leads");
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("table", "dmn/LeadScoring.dmn, hit policy COLLECT");
    setup.put("leads", LEADS + " generated, the same for every setup");
    setup.put("secondsPerSetup", SECONDS);
    setup.put("threads", 1);
    if (example != null) {
      setup.put("firstDifference", example);
    }
    figures.report(setup);
  }

  private static DmnDecision decision(DmnEngine engine, DmnModelInstance model) {
    return engine.parseDecision("LeadScoring", model);
  }

  /**
   * The table as the legacy mode needs it: expressions in JUEL (a bare name would be text there), output entries in
   * JUEL, and the input entries that call FEEL functions rewritten as JUEL tests on {@code cellInput}.
   */
  private static DmnModelInstance legacyCopy() throws Exception {
    DmnModelInstance model;
    try (InputStream in = Files.newInputStream(Path.of("dmn", "LeadScoring.dmn"))) {
      model = Dmn.readModelFromStream(in);
    }
    for (InputExpression expression : model.getModelElementsByType(InputExpression.class)) {
      String text = expression.getText().getTextContent().strip();
      var lowerCase = LOWER_CASE.matcher(text);
      String juel = lowerCase.matches()
          ? lowerCase.group(1) + " == null ? null : " + lowerCase.group(1) + ".toLowerCase()"
          : text;
      assertThat(PLAIN_NAME.matcher(juel).matches() || lowerCase.matches()).as("input expression %s", text).isTrue();
      expression.setExpressionLanguage("juel");
      expression.getText().setTextContent("${" + juel + "}");
    }
    for (InputEntry entry : model.getModelElementsByType(InputEntry.class)) {
      String text = entry.getText().getTextContent().strip();
      if (text.contains("contains(")) {
        String tests = CONTAINS.matcher(text).replaceAll("cellInput.contains($1)").replace(" or ", " || ");
        entry.setExpressionLanguage("juel");
        entry.getText().setTextContent("${cellInput != null && (" + tests + ")}");
      }
    }
    for (OutputEntry entry : model.getModelElementsByType(OutputEntry.class)) {
      String text = entry.getText().getTextContent().strip();
      entry.setExpressionLanguage("juel");
      entry.getText().setTextContent(text.isEmpty() ? "" : "${" + text + "}");
    }
    return model;
  }

  private static List<String> results(DmnEngine engine, DmnDecision decision, List<VariableMap> leads) {
    List<String> results = new ArrayList<>();
    for (VariableMap lead : leads) {
      results.add(engine.evaluateDecisionTable(decision, lead).getResultList().toString());
    }
    return results;
  }

  /** Warm-up for a third of the time, then evaluations a second over the rest, cycling through the leads. */
  private static double evaluationsPerSecond(DmnEngine engine, DmnDecision decision, List<VariableMap> leads) {
    long warmUpEnd = System.nanoTime() + SECONDS * 1_000_000_000L / 3;
    int lead = 0;
    while (System.nanoTime() < warmUpEnd) {
      engine.evaluateDecisionTable(decision, leads.get(lead++ % LEADS));
    }
    long start = System.nanoTime();
    long end = start + SECONDS * 1_000_000_000L * 2 / 3;
    long evaluations = 0;
    while (System.nanoTime() < end) {
      engine.evaluateDecisionTable(decision, leads.get(lead++ % LEADS));
      evaluations++;
    }
    return evaluations / ((System.nanoTime() - start) / 1e9);
  }

  /** Leads as scoring sees them, every input sometimes missing, as on real leads. */
  private static List<VariableMap> leads(Random random) {
    List<VariableMap> leads = new ArrayList<>();
    for (int n = 0; n < LEADS; n++) {
      leads.add(Variables.createVariables()
          .putValue("industry", any(random, "SOFTWARE", "FINANCIAL_SERVICES", "MANUFACTURING", "RETAIL", null))
          .putValue("companySize", any(random, 5, 40, 150, 800, 2500, null))
          .putValue("jobLevel", any(random, "DECISION_MAKER", "INFLUENCER", "USER", null))
          .putValue("persona", any(random, "IT_LEADER", "OPERATIONS_LEADER", "MARKETER", null))
          .putValue("country", any(random, "DE", "GB", "US", "FR", "BR", "KP", "JP", null))
          .putValue("budget", any(random, "CONFIRMED", "PLANNED", "NONE", null))
          .putValue("authority", any(random, "DECISION_MAKER", "INFLUENCER", "USER", null))
          .putValue("need", any(random, "OFFICIAL_PROJECT", "EVALUATING", "NONE", null))
          .putValue("timeframe", any(random, "WITHIN_3_MONTHS", "WITHIN_6_MONTHS", "WITHIN_12_MONTHS", "LATER",
              null))
          .putValue("freeMailAddress", random.nextInt(5) == 0)
          .putValue("companyDomain", any(random, "acme.example", "rivalsoft.example", "initech.example", null))
          .putValue("jobTitle", any(random, "CTO", "Head of IT", "Working student", "Looking for a job", null))
          .putValue("firstName", any(random, "Ada", "Grace", "test", null))
          .putValue("lastName", any(random, "Lovelace", "Hopper", "asdf", null))
          .putValue("unsubscribed", random.nextInt(10) == 0)
          .putValue("daysSinceDemoRequest", any(random, 3, 45, 200, null, null))
          .putValue("pricingVisitsLast30Days", random.nextInt(5))
          .putValue("daysSincePricingVisit", any(random, 2, 50, null, null))
          .putValue("downloadsLast90Days", random.nextInt(4))
          .putValue("webinarsLast90Days", random.nextInt(3))
          .putValue("emailClicksLast30Days", random.nextInt(4))
          .putValue("pageVisitsLast30Days", random.nextInt(12))
          .putValue("daysSinceTradeShowVisit", any(random, 10, 100, null, null)));
    }
    return leads;
  }

  @SafeVarargs
  private static <T> T any(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
