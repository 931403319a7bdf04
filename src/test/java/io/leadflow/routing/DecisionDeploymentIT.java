package io.leadflow.routing;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A process designer changes a territory in dmn/LeadRouting.dmn and deploys it with Camunda Modeler's Deploy button:
 * a multipart POST to the engine REST API with an admin's credentials. The next lead follows the new rule.
 */
@LeadflowIntegrationTest
class DecisionDeploymentIT {

  @Autowired TestRestTemplate rest;
  @Autowired TaskService tasks;
  @Autowired RepositoryService repository;

  private String deploymentId;

  @AfterEach
  void restoreTheCommittedTable() {
    // the other tests of this application expect the table as committed
    if (deploymentId != null) {
      repository.deleteDeployment(deploymentId, true);
    }
  }

  @Test
  void shouldRouteTheNextLeadByATableDeployedFromModeler() throws Exception {
    String table = Files.readString(Path.of("dmn/LeadRouting.dmn"), StandardCharsets.UTF_8);
    String changed = table
        .replace("<text>\"sales-emea\"</text>", "<text>\"sales-americas\"</text>")
        .replace("<text>\"Territory EMEA (\" + country + \")\"</text>",
            "<text>\"EMEA covered from New York (\" + country + \")\"</text>");
    assertThat(changed).isNotEqualTo(table);

    ResponseEntity<JsonNode> denied = deploy(MARKETING_OPS, changed);
    ResponseEntity<JsonNode> deployed = deploy(ADMIN, changed);

    assertThat(denied.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(deployed.getStatusCode()).as(String.valueOf(deployed.getBody())).isEqualTo(HttpStatus.OK);
    deploymentId = deployed.getBody().get("id").asText();
    assertThat(deployed.getBody().get("deployedDecisionDefinitions").toString()).contains("LeadRouting");

    String leadId = postLead("linus@kernel-works.example", "DE");
    Task accept = await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(leadId).taskDefinitionKey("Task_AcceptLead").singleResult(), task -> task != null);

    assertThat(accept.getAssignee()).isIn("rita", "omar");
    JsonNode lead = rest.withBasicAuth(MANAGER, PASSWORD).getForObject("/api/leads/{id}", JsonNode.class, leadId);
    assertThat(lead.toString()).contains("EMEA covered from New York (DE)");
  }

  /** The request Camunda Modeler 5 sends for "Deploy" to a Camunda 7 engine with HTTP Basic authentication. */
  private ResponseEntity<JsonNode> deploy(String user, String dmn) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", "Routing: EMEA from New York");
    parts.add("deployment-source", "Camunda Modeler");
    parts.add("deploy-changed-only", "true");
    HttpHeaders fileHeaders = new HttpHeaders();
    fileHeaders.setContentType(MediaType.APPLICATION_XML);
    parts.add("LeadRouting.dmn", new HttpEntity<>(new ByteArrayResource(dmn.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "LeadRouting.dmn";
      }
    }, fileHeaders));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth(user, PASSWORD).postForEntity("/engine-rest/deployment/create",
        new HttpEntity<>(parts, headers), JsonNode.class);
  }

  private String postLead(String email, String country) {
    Map<String, Object> lead = new HashMap<>(Map.of("email", email, "firstName", "Linus", "lastName", "Kernel",
        "company", "Kernel Works", "jobTitle", "Head of IT", "country", country, "sourceChannel", "web-form",
        "campaign", "demo-day", "requestType", "DEMO"));
    lead.putAll(Map.of("industry", "SOFTWARE", "companySize", 1200, "jobLevel", "DECISION_MAKER",
        "budget", "CONFIRMED", "timeframe", "WITHIN_3_MONTHS", "marketingConsent", true));
    ResponseEntity<JsonNode> created = rest.withBasicAuth(MARKETING_OPS, PASSWORD)
        .postForEntity("/api/leads", lead, JsonNode.class);
    assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("id").asText();
  }
}
