package io.leadflow.fulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.fulfilment.PrintedKit.Elements;
import io.leadflow.fulfilment.PrintedKit.Variables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.junit.jupiter.api.Test;

/**
 * bpmn/forms/SendPrintedKit.form asks for what the server (the task's {@code required:} rules in
 * bpmn/PrintedKit.bpmn) insists on, so marketing ops are told before they submit, not refused after.
 */
class SendPrintedKitFormTest {

  @Test
  void shouldRequireTheShippingAddressOnlyWhenTheKitWasSent() throws IOException {
    JsonNode field = field(Variables.SHIPPING_ADDRESS);

    assertThat(field.at("/validate/required").asBoolean()).isTrue();
    assertThat(field.at("/conditional/hide").asText()).isEqualTo("=kitOutcome != \"SENT\"");
    assertThat(serverCondition(Variables.SHIPPING_ADDRESS)).isEqualTo("${kitOutcome == 'SENT'}");
  }

  @Test
  void shouldRequireTheReasonOnlyWhenTheKitCouldNotBeSent() throws IOException {
    JsonNode field = field(Variables.KIT_NOT_SENT_REASON);

    assertThat(field.at("/validate/required").asBoolean()).isTrue();
    assertThat(field.at("/conditional/hide").asText()).isEqualTo("=kitOutcome != \"NOT_SENT\"");
    assertThat(serverCondition(Variables.KIT_NOT_SENT_REASON)).isEqualTo("${kitOutcome == 'NOT_SENT'}");
  }

  @Test
  void shouldOfferExactlyTheOutcomesTheServerAccepts() throws IOException {
    JsonNode outcome = field(Variables.KIT_OUTCOME);

    assertThat(outcome.at("/validate/required").asBoolean()).isTrue();
    assertThat(StreamSupport.stream(outcome.get("values").spliterator(), false)
        .map(value -> value.get("value").asText()).collect(Collectors.joining(",")))
        .isEqualTo(rules().get("oneOf:" + Variables.KIT_OUTCOME));
  }

  private static JsonNode field(String key) throws IOException {
    JsonNode form = new ObjectMapper().readTree(Path.of("bpmn/forms/SendPrintedKit.form").toFile());
    return StreamSupport.stream(form.get("components").spliterator(), false)
        .filter(component -> key.equals(component.path("key").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no form field " + key));
  }

  private static String serverCondition(String variable) {
    return rules().get("required:" + variable);
  }

  private static Map<String, String> rules() {
    UserTask task = Bpmn.readModelFromFile(Path.of("bpmn/PrintedKit.bpmn").toFile())
        .getModelElementById(Elements.TASK_SEND_PRINTED_KIT);
    return task.getExtensionElements().getElementsQuery().filterByType(
            CamundaProperties.class).singleResult()
        .getCamundaProperties().stream()
        .collect(HashMap::new, (rules, rule) -> rules.put(rule.getCamundaName(), rule.getCamundaValue()), Map::putAll);
  }
}
