package io.leadflow.routing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.leadflow.system.EngineAsSystem;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sales teams a deployed routing table (dmn/LeadRouting.dmn) sends leads to, as written in its "salesTeam" column,
 * against the teams that exist. A team that does not exist is logged and shown in Cockpit (process RoutingTableCheck,
 * whose step fails with an incident naming the teams until they exist); a lead routed to it meanwhile goes to
 * marketing ops' review ({@link LeadAssignment}).
 */
@Service
public class RoutedTeams {

  private static final Logger LOG = LoggerFactory.getLogger(RoutedTeams.class);
  /** A team named as a literal in an output cell, e.g. "sales-emea"; expressions such as customerAccountTeam are not. */
  private static final Pattern LITERAL = Pattern.compile("\"([^\"]+)\"");

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final SalesTeamRepository teams;
  private final EngineAsSystem asSystem;

  RoutedTeams(RepositoryService repository, RuntimeService runtime, SalesTeamRepository teams,
      EngineAsSystem asSystem) {
    this.repository = repository;
    this.runtime = runtime;
    this.teams = teams;
    this.asSystem = asSystem;
  }

  /** The teams the table's rules name that do not exist, in the order of the rules. */
  public List<String> missing(String decisionDefinitionId) {
    DmnModelInstance model = repository.getDmnModelInstance(decisionDefinitionId);
    DecisionTable table = model.getModelElementsByType(DecisionTable.class).iterator().next();
    List<Output> outputs = List.copyOf(table.getOutputs());
    int column = -1;
    for (int i = 0; i < outputs.size(); i++) {
      if ("salesTeam".equals(outputs.get(i).getName())) {
        column = i;
      }
    }
    if (column < 0) {
      throw new IllegalStateException("The routing table " + decisionDefinitionId + " has no output salesTeam");
    }
    Set<String> named = new LinkedHashSet<>();
    for (Rule rule : table.getRules()) {
      OutputEntry entry = List.copyOf(rule.getOutputEntries()).get(column);
      Matcher literal = LITERAL.matcher(entry.getText() == null ? "" : entry.getText().getTextContent());
      while (literal.find()) {
        named.add(literal.group(1));
      }
    }
    return named.stream().filter(team -> !teams.existsById(team)).toList();
  }

  /** Checks the latest deployed routing table (at start). */
  @Transactional
  public void checkLatest() {
    latest().ifPresent(definition -> check(definition.getId()));
  }

  /**
   * Checks a deployed version of the routing table: missing teams are logged, and a check shows them in Cockpit until
   * they exist (one per version).
   */
  @Transactional
  public void check(String decisionDefinitionId) {
    List<String> missing = missing(decisionDefinitionId);
    if (missing.isEmpty()) {
      return;
    }
    LOG.warn("The routing table {} sends leads to sales teams that do not exist: {}. Such leads go to marketing ops' "
        + "review until the teams are created (PUT /api/admin/teams/{{id}})", decisionDefinitionId, missing);
    asSystem.run(() -> {
      if (runtime.createProcessInstanceQuery().processDefinitionKey(RoutingTableCheck.PROCESS_KEY)
          .processInstanceBusinessKey(decisionDefinitionId).count() == 0) {
        runtime.startProcessInstanceByKey(RoutingTableCheck.PROCESS_KEY, decisionDefinitionId,
            Variables.createVariables().putValue(RoutingTableCheck.Variables.DECISION_DEFINITION_ID,
                decisionDefinitionId));
      }
    });
  }

  private Optional<DecisionDefinition> latest() {
    return Optional.ofNullable(repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(LeadAssignment.ROUTING_DECISION).latestVersion().singleResult());
  }
}
