package io.leadflow.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.leadflow.ProcessTest;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every rule of dmn/LeadRouting.dmn through the engine's decision service, in the order the table applies them. */
@ProcessTest
class RoutingDecisionTest {

  @Autowired
  DecisionService decisions;

  private static Map<String, Object> lead(String country, String industry) {
    Map<String, Object> facts = new HashMap<>();
    for (String name : new String[] {"customerAccountOwner", "customerAccountTeam", "customerAccountName",
        "targetAccountExecutive", "targetAccountTeam", "targetAccountName", "companySize", "segment"}) {
      facts.put(name, null);
    }
    facts.put("country", country);
    facts.put("industry", industry);
    return facts;
  }

  private static Map<String, Object> lead(String country, String industry, String segment) {
    Map<String, Object> facts = lead(country, industry);
    facts.put("segment", segment);
    return facts;
  }

  private static Map<String, Object> customer(String country) {
    Map<String, Object> facts = lead(country, "SOFTWARE");
    facts.putAll(Map.of("customerAccountOwner", "sam", "customerAccountTeam", "sales-emea",
        "customerAccountName", "Globex Corporation"));
    return facts;
  }

  private static Map<String, Object> target(String country, String industry) {
    Map<String, Object> facts = lead(country, industry);
    facts.putAll(Map.of("targetAccountExecutive", "omar", "targetAccountTeam", "sales-americas",
        "targetAccountName", "Acme Industries"));
    return facts;
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        arguments("ExistingCustomer (wins over any territory)", customer("BR"), "sales-emea", "sam",
            "Existing customer Globex Corporation: goes to the account owner"),
        arguments("TargetAccount", target("DE", "SOFTWARE"), "sales-americas", "omar",
            "Named target account Acme Industries: goes to its account executive"),
        arguments("TargetAccount (wins over public sector)", target("DE", "PUBLIC_SECTOR"), "sales-americas", "omar",
            "Named target account Acme Industries: goes to its account executive"),
        arguments("PublicSectorReview", lead("DE", "PUBLIC_SECTOR"), null, null,
            "Public sector: marketing ops decide who takes public tenders"),
        arguments("PartnerLatinAmerica", lead("BR", "SOFTWARE", "SMB"), "partner-latam", null,
            "Partner territory Latin America (BR): served by our distributor"),
        arguments("PartnerLatinAmerica (industry and size unknown)", lead("MX", null, "UNKNOWN"), "partner-latam",
            null, "Partner territory Latin America (MX): served by our distributor"),
        arguments("LatinAmericaDirect (an enterprise account)", lead("BR", "SOFTWARE", "ENTERPRISE"), "sales-americas",
            null, "Latin America (BR), enterprise account: served directly by Sales Americas"),
        arguments("LatinAmericaDirect (a regulated industry)", lead("CL", "HEALTHCARE", "MID_MARKET"), "sales-americas",
            null, "Latin America (CL), regulated industry HEALTHCARE: served directly by Sales Americas"),
        arguments("TerritoryAmericas", lead("US", "MANUFACTURING"), "sales-americas", null,
            "Territory Americas (US)"),
        arguments("TerritoryEmea", lead("DE", "SOFTWARE"), "sales-emea", null, "Territory EMEA (DE)"),
        arguments("NoTerritory (unknown country)", lead("KP", "SOFTWARE"), null, null, "No territory covers KP"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void shouldRoute(String rule, Map<String, Object> facts, String team, String rep, String reason) {
    Map<String, Object> route = route(facts);

    assertThat(route).containsEntry("salesTeam", team).containsEntry("salesRep", rep)
        .containsEntry("routingReason", reason);
  }

  @Test
  void shouldSendALeadWithoutCountryToMarketingOps() {
    Map<String, Object> route = route(lead(null, null));

    assertThat(route).containsEntry("salesTeam", null).containsEntry("salesRep", null);
    assertThat(route).containsEntry("routingReason", "No country given: marketing ops review the lead");
  }

  private Map<String, Object> route(Map<String, Object> facts) {
    return decisions.evaluateDecisionTableByKey(LeadAssignment.ROUTING_DECISION).variables(facts).evaluate()
        .getFirstResult().getEntryMap();
  }
}
