package io.leadflow.scoring;

import io.leadflow.lifecycle.LeadLifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.springframework.stereotype.Component;

/** The segments dmn/LeadSegment.dmn gives leads, as its latest version deployed says. */
@Component
public class LeadSegments {

  private final RepositoryService repository;

  LeadSegments(RepositoryService repository) {
    this.repository = repository;
  }

  /** In the order of the table's rules: the strings of its output "segment". */
  public List<String> all() {
    DecisionDefinition decision = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(LeadScoring.SEGMENT_DECISION).latestVersion().singleResult();
    DecisionTable table = repository.getDmnModelInstance(decision.getId())
        .getModelElementsByType(DecisionTable.class).iterator().next();
    String segment = LeadLifecycle.Variables.SEGMENT;
    List<Output> outputs = new ArrayList<>(table.getOutputs());
    int column = IntStream.range(0, outputs.size()).filter(i -> segment.equals(outputs.get(i).getName())).findFirst()
        .orElseThrow(() -> new IllegalStateException(LeadScoring.SEGMENT_DECISION + " has no output " + segment));
    return table.getRules().stream()
        .map(rule -> new ArrayList<>(rule.getOutputEntries()).get(column).getText().getTextContent().strip())
        .filter(text -> text.length() > 1 && text.startsWith("\"") && text.endsWith("\""))
        .map(text -> text.substring(1, text.length() - 1))
        .distinct()
        .toList();
  }
}
