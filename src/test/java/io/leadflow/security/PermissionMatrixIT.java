package io.leadflow.security;

import static io.leadflow.DemoUsers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.LeadflowIntegrationTest;
import io.leadflow.lifecycle.LeadLifecycle.Elements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may do what, at every door (src/docs/security.md): each role, anonymous and an API key against every endpoint of
 * Leadflow (found from the application's own request mappings: a new endpoint without a row here fails) and against
 * the write paths of the engine REST API and the webapps' API that Tasklist and Cockpit use.
 */
@LeadflowIntegrationTest
class PermissionMatrixIT {

  /** The roles of the permission table; the visitor of the landing page is an anonymous request. */
  enum Role {
    ANONYMOUS, API_KEY, REP, PARTNER_REP, MARKETING_OPS, MANAGER, ADMIN
  }

  private static final Set<Role> EVERYONE = Set.of(Role.values());
  private static final Set<Role> ADMINS = Set.of(Role.ADMIN);
  private static final Set<Role> STAFF = Set.of(Role.REP, Role.PARTNER_REP, Role.MARKETING_OPS, Role.MANAGER,
      Role.ADMIN);
  private static final Set<Role> CAPTURE = Set.of(Role.API_KEY, Role.MARKETING_OPS, Role.ADMIN);
  private static final Set<Role> FIGURES = Set.of(Role.MARKETING_OPS, Role.MANAGER, Role.ADMIN);
  private static final Set<Role> MANAGING = Set.of(Role.MANAGER, Role.ADMIN);
  private static final Set<Role> MARKETING = Set.of(Role.MARKETING_OPS, Role.ADMIN);

  /** Leadflow's own endpoints, by the method and pattern of their request mapping: who gets past the door. */
  private static final Map<String, Set<Role>> LEADFLOW = new TreeMap<>(Map.ofEntries(
      Map.entry("GET /landing", EVERYONE),
      Map.entry("GET /landing/", EVERYONE),
      Map.entry("GET /landing/index.html", EVERYONE),
      Map.entry("POST /landing/leads", EVERYONE),
      Map.entry("GET /unsubscribe", EVERYONE),
      Map.entry("POST /unsubscribe", EVERYONE),
      Map.entry("GET /resubscribe", EVERYONE),
      Map.entry("POST /resubscribe", EVERYONE),
      Map.entry("GET /v3/api-docs", EVERYONE),
      Map.entry("GET /v3/api-docs.yaml", EVERYONE),
      Map.entry("GET /v3/api-docs/swagger-config", EVERYONE),
      Map.entry("GET /swagger-ui.html", EVERYONE),
      Map.entry("POST /api/leads", CAPTURE),
      Map.entry("POST /api/leads/imports", CAPTURE),
      Map.entry("POST /api/leads/{id}/activities", CAPTURE),
      Map.entry("POST /api/activities", CAPTURE),
      Map.entry("GET /api/leads/imports/{id}", MARKETING),
      Map.entry("POST /api/leads/{id}/erasure", MARKETING),
      Map.entry("GET /api/leads", STAFF),
      Map.entry("GET /api/leads/{id}", STAFF),
      Map.entry("GET /api/leads/{id}/timeline", STAFF),
      Map.entry("PATCH /api/leads/{id}", STAFF),
      Map.entry("GET /leads", STAFF),
      Map.entry("GET /leads/{id}", STAFF),
      Map.entry("PUT /api/leads/{id}/owner", MANAGING),
      Map.entry("POST /api/leads/reassignments", MANAGING),
      Map.entry("GET /reps", MANAGING),
      Map.entry("PUT /api/admin/reps/{userId}/capacity", MANAGING),
      Map.entry("GET /campaign-costs", MARKETING),
      Map.entry("GET /api/campaign-costs", FIGURES),
      Map.entry("PUT /api/campaign-costs", MARKETING),
      Map.entry("DELETE /api/campaign-costs", MARKETING),
      Map.entry("GET /dashboard", FIGURES),
      Map.entry("GET /api/metrics/{figure}", FIGURES),
      Map.entry("POST /api/planning/funnel", FIGURES),
      Map.entry("GET /api/demo/mailbox", FIGURES),
      Map.entry("PUT /api/admin/reps/{userId}/out-of-office", MANAGING),
      Map.entry("DELETE /api/admin/reps/{userId}/out-of-office", MANAGING),
      Map.entry("GET /api/admin/teams", ADMINS),
      Map.entry("PUT /api/admin/teams/{id}", ADMINS),
      Map.entry("GET /api/admin/reps", ADMINS),
      Map.entry("PUT /api/admin/reps/{userId}", ADMINS),
      Map.entry("GET /api/admin/customer-accounts", ADMINS),
      Map.entry("PUT /api/admin/customer-accounts/{domain}", ADMINS),
      Map.entry("DELETE /api/admin/customer-accounts/{domain}", ADMINS),
      Map.entry("GET /api/admin/target-accounts", ADMINS),
      Map.entry("PUT /api/admin/target-accounts/{domain}", ADMINS),
      Map.entry("DELETE /api/admin/target-accounts/{domain}", ADMINS),
      Map.entry("GET /api/admin/holidays/{calendar}", ADMINS),
      Map.entry("PUT /api/admin/holidays/{calendar}/{day}", ADMINS),
      Map.entry("DELETE /api/admin/holidays/{calendar}/{day}", ADMINS),
      Map.entry("PUT /api/admin/companies", ADMINS),
      Map.entry("GET /api/admin/companies/{domain}", ADMINS),
      Map.entry("POST /api/admin/api-keys", ADMINS),
      Map.entry("GET /api/admin/api-keys", ADMINS),
      Map.entry("DELETE /api/admin/api-keys/{id}", ADMINS),
      Map.entry("GET /api/admin/lead-ownership", ADMINS),
      Map.entry("POST /api/admin/lead-ownership", ADMINS)));

  /** The error page answers the servlet container's error dispatch of another request, never a request of its own. */
  private static final String ERROR_PAGE = "/error";

  /** Actuator is served by its own mapping: the health probe is public, the rest for administrators. */
  private static final Map<String, Set<Role>> ACTUATOR = Map.of(
      "GET /actuator/health", EVERYONE,
      "GET /actuator/info", ADMINS,
      "GET /actuator/metrics", ADMINS,
      "GET /actuator/prometheus", ADMINS);

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  private final Map<Role, String> users = new EnumMap<>(Role.class);
  private String apiKey;
  private String leadId;
  private Task task;
  private Job job;
  private Incident incident;

  @BeforeEach
  void createTheWork() {
    apiKey = rest.withBasicAuth(ADMIN, PASSWORD).postForObject("/api/admin/api-keys",
        Map.of("name", "matrix-" + UUID.randomUUID().toString().substring(0, 8), "channel", "web-form"),
        JsonNode.class).get("key").asText();
    Map<String, Object> lead = new HashMap<>(Map.of("email", "matrix." + UUID.randomUUID() + "@quinn-systems.example",
        "firstName", "Mat", "lastName", "Rix", "company", "Quinn Systems", "jobTitle", "CTO", "country", "DE",
        "sourceChannel", "web-form", "requestType", "DEMO", "industry", "SOFTWARE", "companySize", 2500));
    lead.putAll(Map.of("jobLevel", "DECISION_MAKER", "budget", "CONFIRMED", "timeframe", "WITHIN_3_MONTHS"));
    leadId = rest.withBasicAuth(MARKETING_OPS, PASSWORD).postForObject("/api/leads", lead, JsonNode.class)
        .get("id").asText();
    task = await().atMost(Duration.ofMinutes(1)).until(() -> tasks.createTaskQuery().processInstanceBusinessKey(leadId)
        .taskDefinitionKey(Elements.TASK_ACCEPT_LEAD).singleResult(), found -> found != null
        && found.getAssignee() != null);
    await().atMost(Duration.ofMinutes(1)).until(() -> management.createJobQuery()
        .processInstanceId(task.getProcessInstanceId()).executable().count() == 0);
    job = management.createJobQuery().processInstanceId(task.getProcessInstanceId()).timers().listPage(0, 1).get(0);
    incident = runtime.createIncident("matrixCheck", task.getExecutionId(), "matrix", "A check of who may annotate");
    users.putAll(Map.of(Role.REP, task.getAssignee(), Role.PARTNER_REP, "pablo", Role.MARKETING_OPS, MARKETING_OPS,
        Role.MANAGER, MANAGER, Role.ADMIN, ADMIN));
  }

  @AfterEach
  void endTheWork() {
    runtime.deleteProcessInstance(task.getProcessInstanceId(), "permission matrix done");
  }

  @Test
  void shouldLetEachRoleThroughLeadflowsDoorsAsThePermissionTableSays() {
    Map<String, String> endpoints = new TreeMap<>();
    mappings.getHandlerMethods().keySet().forEach(mapping -> endpoints.putAll(endpoints(mapping)));
    endpoints.keySet().removeIf(endpoint -> endpoint.endsWith(" " + ERROR_PAGE));
    assertThat(new TreeSet<>(endpoints.keySet())).as("the application's endpoints, each with its row")
        .isEqualTo(new TreeSet<>(LEADFLOW.keySet()));
    endpoints.putAll(Map.of("GET /actuator/health", "/actuator/health", "GET /actuator/info", "/actuator/info",
        "GET /actuator/metrics", "/actuator/metrics", "GET /actuator/prometheus", "/actuator/prometheus"));
    Map<String, Set<Role>> table = new TreeMap<>(LEADFLOW);
    table.putAll(ACTUATOR);

    List<String> wrong = new ArrayList<>();
    TestRestTemplate client = rest.withRedirects(Redirects.DONT_FOLLOW);
    table.forEach((endpoint, allowed) -> {
      HttpMethod method = HttpMethod.valueOf(endpoint.substring(0, endpoint.indexOf(' ')));
      for (Role role : Role.values()) {
        ResponseEntity<String> answer = client.exchange(endpoints.get(endpoint), method,
            new HttpEntity<>(method == HttpMethod.GET || method == HttpMethod.DELETE ? null : "{}", headers(role)),
            String.class);
        if (refused(answer) == allowed.contains(role) || answer.getStatusCode().is5xxServerError()) {
          wrong.add(endpoint + " as " + role + ": " + answer.getStatusCode().value()
              + (allowed.contains(role) ? " (should pass)" : " (should be refused)"));
        }
      }
    });
    assertThat(wrong).isEmpty();
  }

  @Test
  void shouldAnswerEachRoleOnTheEngineAndWebappWritePathsAsThePermissionTableSays() {
    String processDefinition = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .singleResult().getProcessDefinitionId();
    // user ids are letters and digits
    String newUser = "matrix" + UUID.randomUUID().toString().substring(0, 8);
    // what each role gets; 401 for whoever is not logged in to the engine (an API key is no engine login)
    List<EngineCall> calls = List.of(
        call("task complete, a required field missing", "POST", "/task/" + task.getId() + "/complete",
            variables("acceptOutcome", "REJECT"), "rep=400 partner=403 ops=403 manager=403 admin=400"),
        call("task complete, writing the lead reference", "POST", "/task/" + task.getId() + "/complete",
            variables("acceptOutcome", "REJECT", "leadId", UUID.randomUUID().toString()),
            "rep=403 partner=403 ops=403 manager=403 admin=400"),
        call("task form submission, a required field missing", "POST", "/task/" + task.getId() + "/submit-form",
            variables("acceptOutcome", "REJECT"), "rep=400 partner=403 ops=403 manager=403 admin=400"),
        call("claim for another user", "POST", "/task/" + task.getId() + "/claim", "{\"userId\":\"pablo\"}",
            "rep=403 partner=403 ops=403 manager=403 admin=400"),
        call("assignee: not a rep", "POST", "/task/" + task.getId() + "/assignee", "{\"userId\":\"mia\"}",
            "rep=403 partner=403 ops=403 manager=400 admin=400"),
        call("delegate: not a rep", "POST", "/task/" + task.getId() + "/delegate", "{\"userId\":\"mia\"}",
            "rep=403 partner=403 ops=403 manager=400 admin=400"),
        call("task candidate groups", "POST", "/task/" + task.getId() + "/identity-links",
            "{\"groupId\":\"sales-emea\",\"type\":\"candidate\"}",
            "rep=403 partner=403 ops=403 manager=403 admin=204"),
        call("task variable", "PUT", "/task/" + task.getId() + "/variables/leadId",
            "{\"value\":\"" + leadId + "\"}", "rep=403 partner=403 ops=403 manager=403 admin=204"),
        call("task variables", "POST", "/task/" + task.getId() + "/variables",
            "{\"modifications\":{\"leadId\":{\"value\":\"" + leadId + "\"}}}",
            "rep=403 partner=403 ops=403 manager=403 admin=204"),
        call("task local variables", "POST", "/task/" + task.getId() + "/localVariables",
            "{\"modifications\":{\"note\":{\"value\":\"\"}}}", "rep=403 partner=403 ops=403 manager=403 admin=204"),
        call("message", "POST", "/message", "{\"messageName\":\"LeadErased\",\"businessKey\":\"no-such-lead\"}",
            "rep=403 partner=403 ops=403 manager=403 admin=400"),
        call("signal", "POST", "/signal", "{\"name\":\"NoSuchSignal\"}",
            "rep=403 partner=403 ops=403 manager=403 admin=204"),
        call("start without the start form", "POST", "/process-definition/key/LogInquiry/start",
            variables("firstName", "Matt", "lastName", "Rix", "company", "Matrix Calls", "phone", "+49 30 1234567",
                "country", "DE", "requestType", "INQUIRY"), "rep=403 partner=403 ops=403 manager=403 admin=200"),
        call("start form, a required field missing", "POST", "/process-definition/key/LogInquiry/submit-form",
            variables("firstName", "Matt"), "rep=403 partner=403 ops=400 manager=403 admin=400"),
        call("start a process not started by hand", "POST", "/process-definition/key/LeadNurture/start",
            "{\"businessKey\":\"" + leadId + "\"}", "rep=403 partner=403 ops=403 manager=403 admin=-"),
        call("start instructions", "POST", "/process-definition/key/LogInquiry/start",
            "{\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"EndEvent_InquiryLogged\"}]}",
            "rep=403 partner=403 ops=403 manager=403 admin=200"),
        call("modification", "POST", "/process-instance/" + task.getProcessInstanceId() + "/modification",
            "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"NoSuchActivity\"}]}",
            "rep=403 partner=403 ops=403 manager=403 admin=400"),
        call("process variable", "PUT", "/process-instance/" + task.getProcessInstanceId() + "/variables/leadId",
            "{\"value\":\"" + leadId + "\"}", "rep=403 partner=403 ops=403 manager=403 admin=204"),
        call("migration", "POST", "/migration/execute", "{\"migrationPlan\":{\"sourceProcessDefinitionId\":\""
            + processDefinition + "\",\"targetProcessDefinitionId\":\"" + processDefinition
            + "\",\"instructions\":[]},\"processInstanceIds\":[\"" + task.getProcessInstanceId() + "\"]}",
            "rep=403 partner=403 ops=403 manager=403 admin=400"),
        call("job retries", "PUT", "/job/" + job.getId() + "/retries", "{\"retries\":3}",
            "rep=403 partner=403 ops=403 manager=204 admin=204"),
        call("incident annotation", "PUT", "/incident/" + incident.getId() + "/annotation",
            "{\"annotation\":\"checked\"}", "rep=403 partner=403 ops=403 manager=403 admin=204"),
        call("user creation", "POST", "/user/create", "{\"profile\":{\"id\":\"" + newUser + "%s\",\"firstName\":"
            + "\"Mat\",\"lastName\":\"Rix\",\"email\":\"mat@leadflow.example\"},\"credentials\":{\"password\":"
            + "\"Quiet-Harbour-42\"}}", "rep=403 partner=403 ops=403 manager=403 admin=204"),
        call("deployment", "POST", "/deployment/create", null, "rep=403 partner=403 ops=403 manager=403 admin=-"));

    List<String> wrong = new ArrayList<>();
    Map<Role, WebappSession> webapp = new EnumMap<>(Role.class);
    users.forEach((role, user) -> webapp.put(role, WebappSession.loggedIn(port, user, PASSWORD)));
    for (EngineCall call : calls) {
      for (Role role : Role.values()) {
        String expected = call.expected(role);
        if (expected.equals("-")) {
          continue;
        }
        int status = engineRest(role, call);
        if (!expected.equals(String.valueOf(status))) {
          wrong.add(call.what() + " through the engine REST API as " + role + ": " + status + ", expected "
              + expected);
        }
        WebappSession session = webapp.getOrDefault(role, WebappSession.anonymous(port));
        String path = "/camunda/api/engine/engine/default" + call.path();
        status = call.body() == null
            ? session.send(call.method(), path, "multipart/form-data; boundary=matrix", "--matrix\r\n"
                + "Content-Disposition: form-data; name=\"data\"; filename=\"matrix.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nmatrix\r\n--matrix--\r\n").statusCode()
            : session.json(call.method(), path, call.body().formatted("webapp")).statusCode();
        if (!expected.equals(String.valueOf(status))) {
          wrong.add(call.what() + " through the webapps' API as " + role + ": " + status + ", expected " + expected);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  /** An engine write path: what a role gets, "-" where only the door is checked (the call would change real work). */
  private record EngineCall(String what, String method, String path, String body, Map<Role, String> answers) {

    String expected(Role role) {
      return role == Role.ANONYMOUS || role == Role.API_KEY ? "401" : answers.get(role);
    }
  }

  private static EngineCall call(String what, String method, String path, String body, String answers) {
    Map<Role, String> expected = new EnumMap<>(Role.class);
    for (String answer : answers.split(" ")) {
      String[] roleAndStatus = answer.split("=");
      expected.put(switch (roleAndStatus[0]) {
        case "rep" -> Role.REP;
        case "partner" -> Role.PARTNER_REP;
        case "ops" -> Role.MARKETING_OPS;
        case "manager" -> Role.MANAGER;
        case "admin" -> Role.ADMIN;
        default -> throw new IllegalArgumentException(answer);
      }, roleAndStatus[1]);
    }
    return new EngineCall(what, method, path, body, expected);
  }

  private int engineRest(Role role, EngineCall call) {
    HttpHeaders headers = headers(role);
    Object body;
    if (call.body() == null) {
      headers.setContentType(MediaType.MULTIPART_FORM_DATA);
      LinkedMultiValueMap<String, Object> deployment = new LinkedMultiValueMap<>();
      deployment.add("data", new ByteArrayResource("matrix".getBytes()) {
        @Override
        public String getFilename() {
          return "matrix.txt";
        }
      });
      body = deployment;
    } else {
      body = call.body().formatted("rest");
    }
    return rest.exchange("/engine-rest" + call.path(), HttpMethod.valueOf(call.method()),
        new HttpEntity<>(body, headers), String.class).getStatusCode().value();
  }

  private HttpHeaders headers(Role role) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (role == Role.API_KEY) {
      headers.set(ApiKeyAuthenticationFilter.HEADER, apiKey);
    } else if (role != Role.ANONYMOUS) {
      headers.setBasicAuth(users.get(role), PASSWORD);
    }
    return headers;
  }

  /** Refused at the door: no login (401, or a page that sends the browser to log in) or not allowed (403). */
  private static boolean refused(ResponseEntity<String> answer) {
    int status = answer.getStatusCode().value();
    return status == 401 || status == 403
        || (status == 302 && String.valueOf(answer.getHeaders().getLocation()).contains("/login"));
  }

  private static String variables(String... namesAndValues) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      variables.put(namesAndValues[i], Map.of("value", namesAndValues[i + 1]));
    }
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("variables", variables));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each method and pattern of a mapping, with a path to call it by: its variables filled with a harmless sample. */
  private static Map<String, String> endpoints(RequestMappingInfo mapping) {
    Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
    Map<String, String> endpoints = new LinkedHashMap<>();
    for (String pattern : mapping.getPatternValues()) {
      String path = pattern.replaceAll("\\{[^}]*}", "6b0c2f0e-0000-4000-8000-000000000000");
      for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
        endpoints.put(method.name() + " " + pattern, path);
      }
    }
    return endpoints;
  }
}
