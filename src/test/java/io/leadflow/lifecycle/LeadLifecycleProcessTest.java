package io.leadflow.lifecycle;

import static io.leadflow.lifecycle.LeadLifecycle.Elements.*;
import static io.leadflow.lifecycle.LeadLifecycle.Variables.*;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.ProcessCoverage;
import io.leadflow.crm.CrmLeadUpdate;
import io.leadflow.ProcessTest;
import io.leadflow.Mailbox;
import io.leadflow.fulfilment.PrintedKit;
import io.leadflow.intake.Industry;
import io.leadflow.intake.JobLevel;
import io.leadflow.intake.LeadIntake;
import io.leadflow.intake.NewLead;
import io.leadflow.intake.RequestType;
import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadViews;
import io.leadflow.lead.Opportunity;
import io.leadflow.lead.OpportunityRepository;
import io.leadflow.lead.Stage;
import io.leadflow.lead.StageChange;
import io.leadflow.lead.StageChangeRepository;
import io.leadflow.nurture.ActivityReport;
import io.leadflow.nurture.LeadEngagement;
import io.leadflow.nurture.Unsubscribes;
import io.leadflow.routing.CustomerAccountRepository;
import io.leadflow.routing.SalesOrganisation;
import io.leadflow.routing.TargetAccountRepository;
import io.leadflow.sla.SlaBreach;
import io.leadflow.sla.SlaBreachRepository;
import io.leadflow.sla.SlaBreaches;
import io.leadflow.sla.SlaPolicies;
import io.leadflow.sla.SlaStep;
import io.leadflow.tasklist.LeadTaskTitles;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of bpmn/LeadLifecycle.bpmn, timers included, on the real application and database. */
@ProcessTest
@ProcessCoverage(passedThrough = {"LeadNurture", "PrintedKit", "LeadProcessReview", "CrmLeadUpdate",
    "RoutingTableCheck"})
class LeadLifecycleProcessTest {


  @Autowired ProcessEngine engine;
  @Autowired LifecycleDriver driver;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired LeadRepository leads;
  @Autowired LeadActivityRepository activities;
  @Autowired StageChangeRepository history;
  @Autowired OpportunityRepository opportunities;
  @Autowired CustomerAccountRepository customers;
  @Autowired SlaBreachRepository breaches;
  @Autowired Mailbox mailbox;
  @Autowired LeadIntake intake;
  @Autowired LeadEngagement engagement;
  @Autowired SalesOrganisation organisation;
  @Autowired TargetAccountRepository targetAccounts;
  @Autowired Unsubscribes unsubscribes;
  @Autowired LeadViews views;

  @BeforeEach
  void setUp() {
    init(engine);
    mailbox.empty();
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    driver.cleanUp(jdbc);
  }

  // ------------------------------------------------------------------------------------------------ the main path

  @Test
  void shouldTakeAFittingHandRaiserFromInquiryToWon() {
    // its own company: a won lead makes its company a customer, whose next leads go to the same rep
    UUID leadId = driver.handRaiser("won@winner.example", "DE");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();

    // acknowledged, scored, qualified, routed in EMEA, offered to a rep who is told
    assertThat(instance).hasPassed(TASK_ACKNOWLEDGE_AND_FULFIL, TASK_SCORE_LEAD, TASK_QUALIFY_LEAD,
        EVENT_MARKETING_QUALIFIED, TASK_ROUTE_LEAD, TASK_NOTIFY_LEAD_OWNER).isWaitingAt(TASK_ACCEPT_LEAD);
    Assertions.assertThat(driver.variable(instance, QUALIFICATION)).isEqualTo("MQL");
    Assertions.assertThat(driver.variable(instance, SALES_TEAM)).isEqualTo("sales-emea");
    String rep = (String) driver.variable(instance, SALES_REP);
    Assertions.assertThat(rep).isIn("sam", "lena");
    Assertions.assertThat(mailbox.receivedBy("won@winner.example")).hasSize(1);
    Assertions.assertThat(mailbox.receivedBy(rep + "@leadflow.example")).hasSize(1);
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    Assertions.assertThat(accept.getAssignee()).isEqualTo(rep);
    Assertions.assertThat(accept.getDueDate()).isNotNull();

    driver.completeAs(rep, accept, Map.of(ACCEPT_OUTCOME, "ACCEPT", NOTE, "Looks promising"));
    assertThat(instance).hasPassed(EVENT_SALES_ACCEPTED, TASK_SYNC_LEAD_TO_CRM).isWaitingAt(TASK_FOLLOW_UP_WITH_LEAD);

    driver.completeAs(rep, driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD), Map.of(FOLLOW_UP_OUTCOME, "CONTACT_ATTEMPT",
        CONTACT_CHANNEL, "CALL", CONTACT_OUTCOME, "REACHED", CONTACT_NOTE, "Budget signed off"));
    assertThat(instance).hasPassed(TASK_LOG_CONTACT_ATTEMPT).isWaitingAt(TASK_FOLLOW_UP_WITH_LEAD);

    driver.completeAs(rep, driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD), Map.of(FOLLOW_UP_OUTCOME, "QUALIFIED",
        OPPORTUNITY_AMOUNT, 50000, EXPECTED_CLOSE_DATE, "2027-03-31"));
    assertThat(instance).hasPassed(EVENT_SALES_QUALIFIED, TASK_CREATE_OPPORTUNITY).isWaitingAt(TASK_WORK_OPPORTUNITY);

    driver.completeAs(rep, driver.task(instance, TASK_WORK_OPPORTUNITY), Map.of(OPPORTUNITY_OUTCOME, "UPDATE",
        OPPORTUNITY_AMOUNT, 60000, EXPECTED_CLOSE_DATE, "2027-04-30"));
    assertThat(instance).hasPassed(TASK_UPDATE_FORECAST).isWaitingAt(TASK_WORK_OPPORTUNITY);

    driver.completeAs(rep, driver.task(instance, TASK_WORK_OPPORTUNITY), Map.of(OPPORTUNITY_OUTCOME, "WON",
        OPPORTUNITY_AMOUNT, 62000));
    assertThat(instance).hasPassed(TASK_RECORD_OPPORTUNITY_OUTCOME, END_LEAD_WON).isEnded();

    Assertions.assertThat(history.findByLeadIdOrderByChangedAtAscIdAsc(leadId))
        .extracting(StageChange::getFromStage, StageChange::getToStage, StageChange::getChangedBy)
        .containsExactly(
            tuple(null, Stage.INQUIRY, "system"),
            tuple(Stage.INQUIRY, Stage.MQL, "system"),
            tuple(Stage.MQL, Stage.SAL, rep),
            tuple(Stage.SAL, Stage.SQL, rep),
            tuple(Stage.SQL, Stage.WON, "system"));
    Opportunity deal = opportunities.findByLeadIdOrderByCreatedAtAsc(leadId).get(0);
    Assertions.assertThat(deal.getState()).isEqualTo(Opportunity.State.WON);
    Assertions.assertThat(deal.getAmount()).isEqualByComparingTo(new BigDecimal("62000"));
    Assertions.assertThat(deal.getExpectedCloseDate()).isEqualTo(LocalDate.of(2027, 4, 30));
    Assertions.assertThat(customers.findById("winner.example")).get().extracting("owner").isEqualTo(rep);
    Assertions.assertThat(activities.findByLeadIdOrderByOccurredAtAsc(leadId))
        .extracting(LeadActivity::getType)
        .contains(ActivityType.EMAIL_SENT, ActivityType.CONTACT_ATTEMPT, ActivityType.NOTE, ActivityType.OWNER_CHANGE);
  }

  @Test
  void shouldShowTheLeadAsItIsWhenItsFormOpensAndNameItsTaskAfterIt() throws Exception {
    UUID leadId = driver.handRaiser("nell@quinn.example", "DE", "Nell", "Quinn");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    JsonNode before = formLead(accept);
    int score = before.at("/score/total").asInt();
    Assertions.assertThat(before.get("name").asText()).isEqualTo("Nell Quinn");
    Assertions.assertThat(before.at("/qualification/jobLevel").asText()).isEqualTo("Decision maker");
    Assertions.assertThat(before.get("reach").asText()).contains("(tel:+49301234567)", "(mailto:nell@quinn.example)");
    Assertions.assertThat(accept.getName()).startsWith("Accept lead: Nell Quinn, Quinn Systems (score " + score
        + ", due ");
    Assertions.assertThat(accept.getPriority()).isEqualTo(LeadTaskTitles.HAND_RAISER);

    // while the task is open the lead looks at prices twice and is re-scored in its lifecycle
    Lead lead = leads.findById(leadId).orElseThrow();
    for (int visit = 0; visit < 2; visit++) {
      activities.save(new LeadActivity(UUID.randomUUID(), lead, ActivityType.PRICING_PAGE_VISIT,
          LifecycleDriver.now(), "web"));
    }
    runtime.createMessageCorrelation(LeadLifecycle.MESSAGE_LEAD_ENGAGED).processInstanceBusinessKey(leadId.toString())
        .correlateAll();
    driver.runDueJobs();

    int rescored = formLead(accept).at("/score/total").asInt();
    Assertions.assertThat(rescored).isGreaterThan(score);
    Assertions.assertThat(tasks.createTaskQuery().taskId(accept.getId()).singleResult().getName())
        .contains("(score " + rescored + ", due ");
    // nothing of the package is stored: no variable, so no history an erasure would have to find
    Assertions.assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableNameIn(LEAD, TEAM_OPTIONS, TEAMMATE_OPTIONS).count()).isZero();
  }

  private JsonNode formLead(Task task) throws Exception {
    SerializableValue lead = forms.getTaskFormVariables(task.getId()).getValueTyped(LEAD);
    return new ObjectMapper().readTree(lead.getValueSerialized());
  }

  // ------------------------------------------------------------------------------------------------ qualification

  @Test
  void shouldNurtureALeadThatIsNotReadyAndBringItBackAsMqlWhenItEngages() {
    UUID leadId = driver.notReady("bakery@berg.example");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();
    assertThat(instance).hasPassed(EVENT_LEAD_TO_NURTURE).isWaitingAt(TASK_NURTURE_LEAD);
    Assertions.assertThat(leads.findById(leadId)).get().extracting(Lead::getStage).isEqualTo(Stage.NURTURE);

    // the lead asks for a demo and looks at prices twice: the nurture process re-scores it over the threshold
    Lead lead = leads.findById(leadId).orElseThrow();
    for (ActivityType type : List.of(ActivityType.DEMO_REQUEST, ActivityType.PRICING_PAGE_VISIT,
        ActivityType.PRICING_PAGE_VISIT)) {
      activities.save(new LeadActivity(UUID.randomUUID(), lead, type, LifecycleDriver.now(), "web"));
    }
    updateProfileToFit(leadId);
    runtime.createMessageCorrelation("NurturedLeadEngaged").processInstanceBusinessKey(leadId.toString())
        .correlateAll();
    driver.runDueJobs();

    assertThat(instance).hasPassed(TASK_NURTURE_LEAD, GATEWAY_NURTURE_OUTCOME, EVENT_MARKETING_QUALIFIED)
        .isWaitingAt(TASK_ACCEPT_LEAD);
    Assertions.assertThat(history.findByLeadIdOrderByChangedAtAscIdAsc(leadId)).extracting(StageChange::getToStage)
        .containsExactly(Stage.INQUIRY, Stage.NURTURE, Stage.MQL);
  }

  @Test
  void shouldEndADormantLeadWhenItsReEngagementSeriesIsOverWithoutEngagement() {
    UUID leadId = driver.notReady("dormant@berg.example");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();

    driver.waitFor(Duration.ofDays(181));
    assertThat(instance).isWaitingAt(TASK_NURTURE_LEAD);
    Assertions.assertThat(leads.findById(leadId)).get().extracting(Lead::getStage).isEqualTo(Stage.DORMANT);

    // the series of dmn/ReEngagement.dmn runs for about five years, each step counted from the one before
    for (int step = 0; step < 14; step++) {
      driver.waitFor(Duration.ofDays(181));
    }

    assertThat(instance).hasPassed(END_LEAD_DORMANT).isEnded();
    Assertions.assertThat(leads.findById(leadId)).get().extracting(Lead::getStage).isEqualTo(Stage.DORMANT);
  }

  @Test
  void shouldDisqualifyALeadThatTurnsOutACompetitorDuringNurture() {
    UUID leadId = driver.notReady("spy@rivalsoft.example");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();
    // a competitor is disqualified at once; this one changed jobs after it was nurtured
    assertThat(instance).hasPassed(END_LEAD_DISQUALIFIED).isEnded();

    UUID nurtured = driver.notReady("nurtured@berg.example");
    ProcessInstance second = driver.instance(nurtured);
    driver.runDueJobs();
    jdbcMoveToCompetitor(nurtured);
    runtime.createMessageCorrelation("NurturedLeadEngaged").processInstanceBusinessKey(nurtured.toString())
        .correlateAll();
    driver.runDueJobs();

    assertThat(second).hasPassed(GATEWAY_NURTURE_OUTCOME, END_DISQUALIFIED_IN_NURTURE).isEnded();
    Assertions.assertThat(history.findByLeadIdOrderByChangedAtAscIdAsc(nurtured))
        .extracting(StageChange::getToStage, StageChange::getReason)
        .endsWith(tuple(Stage.DISQUALIFIED, "Works for a competitor"));
  }

  // ------------------------------------------------------------------------------------------------ review

  @Test
  void shouldLetMarketingOpsReviewAnUnroutableMqlWithinItsDeadline() {
    UUID leadId = driver.handRaiser("tokyo@quinn.example", "JP");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();
    assertThat(instance).isWaitingAt(TASK_REVIEW_MQL);
    Task review = driver.task(instance, TASK_REVIEW_MQL);
    assertThat(review).hasCandidateGroup("marketing-ops");
    Assertions.assertThat(driver.variable(instance, ROUTING_REASON)).isEqualTo("No territory covers JP");

    // the reminder comes before the deadline, the escalation after it
    // a hand-raiser: due in one working hour, reminded 20 minutes before
    driver.waitUntil(review.getDueDate().toInstant().minus(Duration.ofMinutes(10)));
    assertThat(instance).hasPassed(TASK_REMIND_REVIEWER);
    Assertions.assertThat(mailbox.receivedBy("mia@leadflow.example")).hasSize(1);
    driver.waitUntil(review.getDueDate().toInstant().plus(Duration.ofMinutes(5)));
    assertThat(instance).hasPassed(TASK_ESCALATE_LATE_REVIEW).isWaitingAt(TASK_REVIEW_MQL);
    Assertions.assertThat(mailbox.receivedBy("max@leadflow.example")).hasSize(1);
    Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId())
        .incidentType(SlaBreaches.INCIDENT_TYPE).singleResult().getIncidentMessage())
        .contains("review of the marketing-qualified lead").contains("late");

    driver.completeAs("mia", review, Map.of(REVIEW_OUTCOME, "ROUTE", SALES_TEAM, "sales-americas"));

    assertThat(instance).hasPassed(TASK_ASSIGN_REP).isWaitingAt(TASK_ACCEPT_LEAD);
    Assertions.assertThat(driver.variable(instance, SALES_REP)).isIn("rita", "omar");
    Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    Assertions.assertThat(breaches.findByLeadIdOrderByBreachedAtAsc(leadId)).singleElement()
        .satisfies(breach -> Assertions.assertThat(breach.getResolvedAt()).isNotNull());
  }

  @Test
  void shouldNotEscalateAReviewCompletedBeforeItsEscalationRan() {
    UUID leadId = driver.handRaiser("review-race@quinn.example", "JP");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();
    Task review = driver.task(instance, TASK_REVIEW_MQL);

    // the deadline passes: its timer leaves the escalation as a job that the job executor has not run yet ...
    ClockUtil.setCurrentTime(Date.from(review.getDueDate().toInstant().plus(Duration.ofMinutes(5))));
    engine.getManagementService().executeJob(timer(instance, BOUNDARY_REVIEW_SLA_BREACHED).getId());
    Assertions.assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId(TASK_ESCALATE_LATE_REVIEW).count()).isOne();
    // ... when marketing ops complete the review; then the escalation runs
    driver.completeAs("mia", review, Map.of(REVIEW_OUTCOME, "ROUTE", SALES_TEAM, "sales-americas"));

    assertThat(instance).hasPassed(TASK_ESCALATE_LATE_REVIEW).isWaitingAt(TASK_ACCEPT_LEAD);
    Assertions.assertThat(breaches.findByLeadIdOrderByBreachedAtAsc(leadId)).isEmpty();
    Assertions.assertThat(mailbox.receivedBy("max@leadflow.example", "Overdue")).isEmpty();
    Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void shouldSendAReviewedLeadBackToNurtureOrDisqualifyIt() {
    ProcessInstance toNurture = reviewed("review-nurture@quinn.example",
        Map.of(REVIEW_OUTCOME, "NURTURE", STAGE_REASON, "Student project, not a buyer yet"));
    assertThat(toNurture).hasPassed("Event_ReviewedToNurture").isWaitingAt(TASK_NURTURE_LEAD);

    ProcessInstance disqualified = reviewed("review-disqualify@quinn.example",
        Map.of(REVIEW_OUTCOME, "DISQUALIFY", STAGE_REASON, "Fake company"));
    assertThat(disqualified).hasPassed(GATEWAY_REVIEW_OUTCOME, END_DISQUALIFIED_IN_REVIEW)
        .isEnded();
    Assertions.assertThat(history.findByLeadIdOrderByChangedAtAscIdAsc(UUID.fromString(
            disqualified.getBusinessKey())))
        .extracting(StageChange::getToStage, StageChange::getReason)
        .endsWith(tuple(Stage.DISQUALIFIED, "Fake company"));
  }

  @Test
  void shouldRefuseAReviewWithoutItsRequiredAnswers() {
    UUID leadId = driver.handRaiser("incomplete@quinn.example", "JP");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();

    Assertions.assertThatThrownBy(() -> driver.completeAs("mia", driver.task(instance, TASK_REVIEW_MQL),
            Map.of(REVIEW_OUTCOME, "DISQUALIFY")))
        .hasMessageContaining("stageReason is required");
    Assertions.assertThatThrownBy(() -> driver.completeAs("mia", driver.task(instance, TASK_REVIEW_MQL),
            Map.of(REVIEW_OUTCOME, "MAYBE")))
        .hasMessageContaining("reviewOutcome must be one of DISQUALIFY, NURTURE, ROUTE");
    assertThat(instance).isWaitingAt(TASK_REVIEW_MQL);
  }

  // ------------------------------------------------------------------------------------------------ acceptance

  @Test
  void shouldReassignALeadTheRepDidNotAcceptInTime() {
    ProcessInstance instance = offered("late@quinn.example");
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    String late = accept.getAssignee();

    // a hand-raiser: half a working hour to accept, reminded ten minutes before
    driver.waitUntil(accept.getDueDate().toInstant().minus(Duration.ofMinutes(5)));
    assertThat(instance).hasPassed(TASK_REMIND_REP_TO_ACCEPT);
    Assertions.assertThat(mailbox.receivedBy(late + "@leadflow.example")).hasSize(2);

    long decided = slaPolicyDecisions();
    driver.waitUntil(accept.getDueDate().toInstant().plus(Duration.ofMinutes(1)));
    assertThat(instance).hasPassed(TASK_REASSIGN_LATE_LEAD)
        .isWaitingAt(TASK_ACCEPT_LEAD);
    String next = driver.task(instance, TASK_ACCEPT_LEAD).getAssignee();
    Assertions.assertThat(next).isNotEqualTo(late).isIn("sam", "lena");
    Assertions.assertThat(breaches.findByLeadIdOrderByBreachedAtAsc(UUID.fromString(instance.getBusinessKey())))
        .extracting(SlaBreach::getStep, SlaBreach::getOwner, SlaBreach::getEscalatedTo)
        .containsExactly(tuple(SlaStep.ACCEPTANCE, late, "sales-managers"));
    // the deadline that passed, not when the step ran (a minute later here)
    Assertions.assertThat(breaches.findByLeadIdOrderByBreachedAtAsc(UUID.fromString(instance.getBusinessKey()))
        .get(0).getDueAt()).isCloseTo(accept.getDueDate().toInstant(), within(1, ChronoUnit.SECONDS));
    // the breach, the next rep's deadline and reminder, and the manager's mail: one reading of the policy
    Assertions.assertThat(slaPolicyDecisions() - decided).isEqualTo(1);
    assertThat(instance).hasPassed(TASK_TELL_MANAGER_OF_LATE_LEAD);
    Assertions.assertThat(mailbox.receivedBy("max@leadflow.example")).singleElement()
        .extracting(Mailbox::text).asString()
        .contains("Late Quinn, Quinn Systems", "Step:     acceptance", "Owner:    " + late);
    // the new-lead notice, the reminder and the escalation link the lead's page, which shows the task open now,
    // and none the task that is gone
    List<MimeMessage> mails = new ArrayList<>(mailbox.receivedBy(late + "@leadflow.example"));
    mails.addAll(mailbox.receivedBy("max@leadflow.example"));
    Assertions.assertThat(mails).hasSize(3).extracting(Mailbox::text).allSatisfy(text -> Assertions.assertThat(text)
        .contains("/leads/" + instance.getBusinessKey()).doesNotContain(accept.getId()));
  }

  @Test
  void shouldDecideTheAcceptancePolicyOnceForTheDueDateTheDeadlineAndTheReminder() {
    long decided = slaPolicyDecisions();
    ProcessInstance instance = offered("policy-once@quinn.example");

    // the acknowledgement's call-back time reads the first-contact policy (speed to lead counts from the request,
    // acceptance included); the acceptance task's due date, deadline and reminder share one reading
    Assertions.assertThat(slaPolicyDecisions() - decided).as("SLA policy decisions until the lead is offered")
        .isEqualTo(2);
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    // each is counted from its own "now", a few milliseconds apart
    Assertions.assertThat(timer(instance, BOUNDARY_ACCEPTANCE_SLA_BREACHED).getDuedate())
        .isCloseTo(accept.getDueDate(), 1000);
    Assertions.assertThat(timer(instance, BOUNDARY_ACCEPTANCE_REMINDER_DUE).getDuedate())
        .isBefore(accept.getDueDate());
  }

  @Test
  void shouldHandALeadToATeammate() {
    ProcessInstance instance = offered("handover@quinn.example");
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    String teammate = accept.getAssignee().equals("sam") ? "lena" : "sam";

    driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "HAND_OVER", HAND_OVER_TO, teammate));

    assertThat(instance).hasPassed(TASK_HAND_OVER_LEAD).isWaitingAt(TASK_ACCEPT_LEAD);
    Assertions.assertThat(driver.task(instance, TASK_ACCEPT_LEAD).getAssignee()).isEqualTo(teammate);
    Assertions.assertThat(leads.findById(UUID.fromString(instance.getBusinessKey()))).get()
        .extracting(Lead::getOwner).isEqualTo(teammate);
  }

  @Test
  void shouldSendARejectedLeadBackToNurtureOrDisqualifyIt() {
    ProcessInstance toNurture = offered("reject-nurture@quinn.example");
    Task accept = driver.task(toNurture, TASK_ACCEPT_LEAD);
    driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "REJECT", REJECT_TO, "NURTURE",
        STAGE_REASON, "No budget before next year"));
    assertThat(toNurture).hasPassed("Event_RejectedToNurture").isWaitingAt(TASK_NURTURE_LEAD);
    Assertions.assertThat(history.findByLeadIdOrderByChangedAtAscIdAsc(UUID.fromString(toNurture.getBusinessKey())))
        .extracting(StageChange::getToStage, StageChange::getReason)
        .endsWith(tuple(Stage.NURTURE, "No budget before next year"));

    ProcessInstance disqualified = offered("reject-disqualify@quinn.example");
    Task second = driver.task(disqualified, TASK_ACCEPT_LEAD);
    driver.completeAs(second.getAssignee(), second, Map.of(ACCEPT_OUTCOME, "REJECT", REJECT_TO, "DISQUALIFIED",
        STAGE_REASON, "Reseller, not an end customer"));
    assertThat(disqualified).hasPassed(GATEWAY_REJECTED_TO, END_DISQUALIFIED_BY_REP).isEnded();
  }

  @Test
  void shouldNotGiveLeadsToARepOutOfOfficeUntilTodayInTheTeamsTimeZone() {
    // 20:00 in New York on 2 December is already 3 December in UTC; rita is away until the end of her 2 December
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 12, 2, 20, 0, 0, 0, ZoneId.of("America/New_York"))
        .toInstant()));
    organisation.outOfOffice("rita", LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 2));
    try {
      ProcessInstance first = driver.instance(driver.handRaiser("first@ny.example", "US"));
      ProcessInstance second = driver.instance(driver.handRaiser("second@ny.example", "US"));
      driver.runDueJobs();

      Assertions.assertThat(List.of(first, second)).allSatisfy(instance -> {
        Assertions.assertThat(driver.variable(instance, SALES_TEAM)).isEqualTo("sales-americas");
        Assertions.assertThat(driver.variable(instance, SALES_REP)).isEqualTo("omar");
        // nor offered to hand the lead over to
        Assertions.assertThat(((SerializableValue) forms.getTaskFormVariables(
            driver.task(instance, TASK_ACCEPT_LEAD).getId()).getValueTyped(TEAMMATE_OPTIONS)).getValueSerialized())
            .isEqualTo("[]");
      });
    } finally {
      organisation.outOfOffice("rita", null, null);
    }
  }

  // ------------------------------------------------------------------------------------------------ follow-up

  @Test
  void shouldEscalateAFirstContactThatIsLateAndRemindDaily() {
    ProcessInstance instance = accepted("first-contact@quinn.example");
    Task followUp = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);

    driver.waitUntil(followUp.getDueDate().toInstant().plus(Duration.ofMinutes(1)));
    assertThat(instance).hasPassed(TASK_ESCALATE_LATE_FIRST_CONTACT).isWaitingAt(TASK_FOLLOW_UP_WITH_LEAD);
    Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId())
        .incidentType(SlaBreaches.INCIDENT_TYPE).count()).isOne();
    // the deadline that passed, found through "Contacted yet?", not the moment the escalation ran
    Assertions.assertThat(breaches.findAll()).filteredOn(breach -> breach.getStep() == SlaStep.FIRST_CONTACT
            && breach.getLeadId().toString().equals(instance.getBusinessKey()))
        .singleElement().extracting(SlaBreach::getDueAt).isEqualTo(followUp.getDueDate().toInstant());

    driver.waitFor(Duration.ofDays(1));
    assertThat(instance).hasPassed(TASK_REMIND_REP_TO_FOLLOW_UP);

    // logging the first attempt resolves the breach
    driver.completeAs(followUp.getAssignee(), driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD),
        Map.of(FOLLOW_UP_OUTCOME, "CONTACT_ATTEMPT", CONTACT_CHANNEL, "EMAIL", CONTACT_OUTCOME, "EMAIL_SENT"));
    Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void shouldRemindTheRepOfTheFirstContactBeforeItsDeadlineUnlessAlreadyContacted() {
    ProcessInstance waiting = accepted("uncontacted@quinn.example");
    ProcessInstance contacted = accepted("contacted@quinn.example");
    Task followUp = driver.task(waiting, TASK_FOLLOW_UP_WITH_LEAD);
    String rep = followUp.getAssignee();
    // a fitting hand-raiser: reminded 20 minutes before its first-contact deadline (dmn/SlaPolicy.dmn)
    Instant remindAt = followUp.getDueDate().toInstant().minus(Duration.ofMinutes(20));

    driver.waitUntil(remindAt.minus(Duration.ofMinutes(1)));
    Assertions.assertThat(mailbox.receivedBy(rep + "@leadflow.example", "Reminder: Follow up with lead")).isEmpty();
    Task other = driver.task(contacted, TASK_FOLLOW_UP_WITH_LEAD);
    driver.completeAs(other.getAssignee(), other, Map.of(FOLLOW_UP_OUTCOME, "CONTACT_ATTEMPT", CONTACT_CHANNEL,
        "CALL", CONTACT_OUTCOME, "REACHED"));

    driver.waitUntil(remindAt.plus(Duration.ofMinutes(1)));

    assertThat(waiting).hasPassed(TASK_REMIND_REP_TO_MAKE_FIRST_CONTACT).isWaitingAt(TASK_FOLLOW_UP_WITH_LEAD);
    assertThat(contacted).hasPassed(END_CONTACTED_BEFORE_REMINDER)
        .hasNotPassed(TASK_REMIND_REP_TO_MAKE_FIRST_CONTACT);
    Assertions.assertThat(mailbox.receivedBy(rep + "@leadflow.example",
        "Reminder: Follow up with lead for Uncontacted")).hasSize(1);
    Assertions.assertThat(mailbox.receivedBy(other.getAssignee() + "@leadflow.example",
        "Reminder: Follow up with lead for Contacted")).isEmpty();
  }

  @Test
  void shouldNotEscalateAFirstContactMadeInTime() {
    ProcessInstance instance = accepted("in-time@quinn.example");
    Task followUp = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);
    String rep = followUp.getAssignee();
    driver.completeAs(rep, followUp, Map.of(FOLLOW_UP_OUTCOME, "CONTACT_ATTEMPT", CONTACT_CHANNEL, "CALL",
        CONTACT_OUTCOME, "NO_ANSWER"));

    driver.waitUntil(followUp.getDueDate().toInstant().plus(Duration.ofMinutes(1)));

    assertThat(instance).hasPassed("EndEvent_ContactedInTime").hasNotPassed(TASK_ESCALATE_LATE_FIRST_CONTACT);
  }

  @Test
  void shouldEscalateALateFirstContactOnTheSecondFollowUpDespiteAnAttemptInTheFirst() {
    // first follow-up: the rep calls, then sends the lead back to nurture
    ProcessInstance instance = accepted("second-pass@quinn.example");
    UUID leadId = UUID.fromString(instance.getBusinessKey());
    Task firstFollowUp = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);
    driver.completeAs(firstFollowUp.getAssignee(), firstFollowUp, Map.of(FOLLOW_UP_OUTCOME, "CONTACT_ATTEMPT",
        CONTACT_CHANNEL, "CALL", CONTACT_OUTCOME, "REACHED", CONTACT_NOTE, "Not before the next budget round"));
    Task back = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);
    driver.completeAs(back.getAssignee(), back, Map.of(FOLLOW_UP_OUTCOME, "NEEDS_NURTURING",
        STAGE_REASON, "Budget next quarter"));
    assertThat(instance).isWaitingAt(TASK_NURTURE_LEAD);

    // a week later it asks for a demo again (which ends its hold-off), is an MQL again in the same buying cycle and is
    // accepted again
    driver.waitFor(Duration.ofDays(7));
    activities.save(new LeadActivity(UUID.randomUUID(), leads.findById(leadId).orElseThrow(),
        ActivityType.DEMO_REQUEST, LifecycleDriver.now(), "web"));
    runtime.createMessageCorrelation("NurturedLeadEngaged").processInstanceBusinessKey(leadId.toString())
        .correlateAll();
    driver.runDueJobs();
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "ACCEPT"));
    Assertions.assertThat(leads.findById(leadId).orElseThrow().getCycle()).isOne();

    // nobody contacts it this time
    Task secondFollowUp = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);
    driver.waitUntil(secondFollowUp.getDueDate().toInstant().plus(Duration.ofMinutes(1)));

    assertThat(instance).hasPassed(TASK_ESCALATE_LATE_FIRST_CONTACT).hasNotPassed("EndEvent_ContactedInTime")
        .isWaitingAt(TASK_FOLLOW_UP_WITH_LEAD);
    Assertions.assertThat(breaches.findByLeadIdOrderByBreachedAtAsc(leadId))
        .extracting(SlaBreach::getStep, SlaBreach::getOwner)
        .containsExactly(tuple(SlaStep.FIRST_CONTACT, secondFollowUp.getAssignee()));
    Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId())
        .incidentType(SlaBreaches.INCIDENT_TYPE).count()).isOne();
  }

  @Test
  void shouldRecycleALeadWithoutOutcomeAfterTheCadence() {
    ProcessInstance instance = accepted("cadence@quinn.example");

    driver.waitFor(Duration.ofDays(11));

    assertThat(instance).hasPassed("Event_RecycledAfterNoResponse")
        .isWaitingAt(TASK_NURTURE_LEAD);
    Assertions.assertThat(history.findByLeadIdOrderByChangedAtAscIdAsc(UUID.fromString(instance.getBusinessKey())))
        .extracting(StageChange::getToStage, StageChange::getReason)
        .endsWith(tuple(Stage.NURTURE, "No outcome after the follow-up cadence"));
  }

  @Test
  void shouldSendAFollowedUpLeadBackToNurtureOrDisqualifyIt() {
    ProcessInstance toNurture = accepted("followup-nurture@quinn.example");
    for (int attempt = 0; attempt < 3; attempt++) {
      Task attemptTask = driver.task(toNurture, TASK_FOLLOW_UP_WITH_LEAD);
      driver.completeAs(attemptTask.getAssignee(), attemptTask, Map.of(FOLLOW_UP_OUTCOME, "CONTACT_ATTEMPT",
          CONTACT_CHANNEL, "CALL", CONTACT_OUTCOME, "NO_ANSWER"));
    }
    Task followUp = driver.task(toNurture, TASK_FOLLOW_UP_WITH_LEAD);
    driver.completeAs(followUp.getAssignee(), followUp, Map.of(FOLLOW_UP_OUTCOME, "NO_RESPONSE",
        STAGE_REASON, "Three attempts, no answer"));
    assertThat(toNurture).hasPassed("Event_FollowUpToNurture")
        .isWaitingAt(TASK_NURTURE_LEAD);

    ProcessInstance disqualified = accepted("followup-disqualify@quinn.example");
    Task second = driver.task(disqualified, TASK_FOLLOW_UP_WITH_LEAD);
    driver.completeAs(second.getAssignee(), second, Map.of(FOLLOW_UP_OUTCOME, "DISQUALIFY",
        STAGE_REASON, "Bought a competitor last week"));
    assertThat(disqualified).hasPassed(GATEWAY_FOLLOW_UP_RESULT, END_DISQUALIFIED_AFTER_FOLLOW_UP).isEnded();
  }

  @Test
  void shouldRefuseToEndTheCadenceAsNoResponseBeforeTheAttemptsThePolicyAsksFor() {
    ProcessInstance instance = accepted("no-response@quinn.example");
    Task first = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);
    // the form shows how many attempts "no response" needs and how many are logged, loaded when it opens
    Assertions.assertThat(forms.getTaskFormVariables(first.getId()).get(MINIMUM_ATTEMPTS)).isEqualTo(3);
    Assertions.assertThat(forms.getTaskFormVariables(first.getId()).get(CONTACT_ATTEMPTS)).isEqualTo(0L);
    Assertions.assertThat(tasks.getVariables(first.getId())).doesNotContainKeys(MINIMUM_ATTEMPTS, CONTACT_ATTEMPTS);

    Assertions.assertThatThrownBy(() -> driver.completeAs(first.getAssignee(), first, Map.of(FOLLOW_UP_OUTCOME,
            "NO_RESPONSE", STAGE_REASON, "Never answers")))
        .hasMessageContaining("followUpOutcome NO_RESPONSE needs at least 3 logged contact attempts in this "
            + "follow-up; 0 so far");
    for (int attempt = 0; attempt < 2; attempt++) {
      Task task = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);
      driver.completeAs(task.getAssignee(), task, Map.of(FOLLOW_UP_OUTCOME, "CONTACT_ATTEMPT",
          CONTACT_CHANNEL, "EMAIL", CONTACT_OUTCOME, "EMAIL_SENT"));
    }
    Task third = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);
    Assertions.assertThat(forms.getTaskFormVariables(third.getId()).get(CONTACT_ATTEMPTS)).isEqualTo(2L);
    Assertions.assertThatThrownBy(() -> driver.completeAs(third.getAssignee(), third, Map.of(FOLLOW_UP_OUTCOME,
        "NO_RESPONSE", STAGE_REASON, "Never answers"))).hasMessageContaining("2 so far");
    assertThat(instance).isWaitingAt(TASK_FOLLOW_UP_WITH_LEAD);
  }

  // ------------------------------------------------------------------------------------------------ opportunity

  @Test
  void shouldCoolDownALostLeadAndThenRecycleIt() {
    ProcessInstance instance = opportunity("lost@quinn.example");
    Task work = driver.task(instance, TASK_WORK_OPPORTUNITY);
    driver.completeAs(work.getAssignee(), work, Map.of(OPPORTUNITY_OUTCOME, "LOST", LOST_TO, "RivalSoft",
        LOST_REASON, "Cheaper"));
    assertThat(instance).hasPassed(EVENT_LEAD_LOST).isWaitingAt(EVENT_COOLING_PERIOD_OVER);
    Assertions.assertThat(history.findByLeadIdOrderByChangedAtAscIdAsc(UUID.fromString(instance.getBusinessKey())))
        .extracting(StageChange::getToStage, StageChange::getReason)
        .endsWith(tuple(Stage.LOST, "Lost to RivalSoft: Cheaper"));

    driver.waitFor(Duration.ofDays(91));

    assertThat(instance).hasPassed("Event_RecycledAfterCooling")
        .isWaitingAt(TASK_NURTURE_LEAD);
  }

  @Test
  void shouldPutAnOpportunityOnHoldUntilItsRevisitDate() {
    ProcessInstance instance = opportunity("hold@quinn.example");
    Task work = driver.task(instance, TASK_WORK_OPPORTUNITY);
    String revisit = LifecycleDriver.now().plus(Duration.ofDays(40)).atZone(ZoneOffset.UTC).toLocalDate().toString();
    driver.completeAs(work.getAssignee(), work, Map.of(OPPORTUNITY_OUTCOME, "ON_HOLD", REVISIT_ON, revisit,
        STAGE_REASON, "Budget freeze until Q2"));
    assertThat(instance).hasPassed(EVENT_OPPORTUNITY_ON_HOLD).isWaitingAt(EVENT_REVISIT_DATE_REACHED);

    driver.waitFor(Duration.ofDays(41));

    assertThat(instance).hasPassed(EVENT_OPPORTUNITY_RESUMED).isWaitingAt(TASK_WORK_OPPORTUNITY);
    Assertions.assertThat(history.findByLeadIdOrderByChangedAtAscIdAsc(UUID.fromString(instance.getBusinessKey())))
        .extracting(StageChange::getToStage).endsWith(Stage.SQL, Stage.ON_HOLD, Stage.SQL);
  }

  @Test
  void shouldAlertWhenAnOpportunityStaysInItsStageTooLong() {
    ProcessInstance instance = opportunity("stalled@quinn.example");
    String rep = driver.task(instance, TASK_WORK_OPPORTUNITY).getAssignee();

    // an enterprise deal may stay 60 days in a stage (dmn/SlaPolicy.dmn), alerted in the team's working hours
    driver.waitUntil(timer(instance, BOUNDARY_OPPORTUNITY_STALLED).getDuedate().toInstant().plus(Duration.ofMinutes(1)));

    assertThat(instance).hasPassed(TASK_ALERT_STALLED_OPPORTUNITY).isWaitingAt(TASK_WORK_OPPORTUNITY);
    Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId())
        .incidentType(SlaBreaches.INCIDENT_TYPE).singleResult().getIncidentMessage())
        .contains("progress of the opportunity");
    // the owner and the manager are alerted
    for (String alerted : List.of(rep, "max")) {
      Assertions.assertThat(mailbox.receivedBy(alerted + "@leadflow.example", "Overdue: progress of the opportunity"))
          .as(alerted).hasSize(1);
    }
  }

  @Test
  void shouldRemindTheRepBeforeAnOpportunityStallsUnlessItIsDecided() {
    ProcessInstance open = opportunity("openstage@quinn.example");
    // its own company: a won lead makes its company a customer, whose next leads would skip routing
    ProcessInstance won = opportunity("wonstage@stage-reminder.example");
    String rep = driver.task(open, TASK_WORK_OPPORTUNITY).getAssignee();
    // seven days before the stage's deadline (dmn/SlaPolicy.dmn)
    Instant remindAt = timer(open, BOUNDARY_OPPORTUNITY_STALLED).getDuedate().toInstant()
        .minus(Duration.ofDays(7));

    driver.waitUntil(remindAt.minus(Duration.ofMinutes(1)));
    Assertions.assertThat(mailbox.receivedBy(rep + "@leadflow.example", "Reminder: Work opportunity")).isEmpty();
    Task decided = driver.task(won, TASK_WORK_OPPORTUNITY);
    driver.completeAs(decided.getAssignee(), decided, Map.of(OPPORTUNITY_OUTCOME, "WON", OPPORTUNITY_AMOUNT, 30000));

    driver.waitUntil(remindAt.plus(Duration.ofMinutes(1)));

    assertThat(open).hasPassed(TASK_REMIND_REP_TO_PROGRESS_OPPORTUNITY).isWaitingAt(TASK_WORK_OPPORTUNITY);
    Assertions.assertThat(mailbox.receivedBy(rep + "@leadflow.example", "Reminder: Work opportunity for Openstage"))
        .hasSize(1);
    Assertions.assertThat(mailbox.receivedBy(decided.getAssignee() + "@leadflow.example",
        "Reminder: Work opportunity for Wonstage")).isEmpty();
  }

  @Test
  void shouldRecordTheStageDeadlineThatPassedWhenTheForecastWasUpdatedMeanwhile() {
    ProcessInstance instance = opportunity("stalled-update@quinn.example");
    Date stageDeadline = timer(instance, BOUNDARY_OPPORTUNITY_STALLED).getDuedate();
    Task work = driver.task(instance, TASK_WORK_OPPORTUNITY);
    driver.waitFor(Duration.ofDays(10));
    // a new forecast is no move to another stage: the next task is due later, the stage's deadline stays
    driver.completeAs(work.getAssignee(), work, Map.of(OPPORTUNITY_OUTCOME, "UPDATE", OPPORTUNITY_AMOUNT, 30000,
        EXPECTED_CLOSE_DATE, "2027-06-30"));
    Assertions.assertThat(driver.task(instance, TASK_WORK_OPPORTUNITY).getDueDate()).isAfter(stageDeadline);

    driver.waitUntil(stageDeadline.toInstant().plus(Duration.ofDays(1)));

    assertThat(instance).hasPassed(TASK_ALERT_STALLED_OPPORTUNITY);
    SlaBreach breach = breaches.findByLeadIdOrderByBreachedAtAsc(UUID.fromString(instance.getBusinessKey()))
        .get(0);
    Assertions.assertThat(breach.getDueAt()).isEqualTo(stageDeadline.toInstant());
    Assertions.assertThat(breach.getBreachedAt()).isAfter(breach.getDueAt());
    Assertions.assertThat(mailbox.receivedBy("max@leadflow.example", "Overdue: progress of the opportunity"))
        .singleElement().satisfies(mail -> Assertions.assertThat(mail.getSubject()).endsWith(" is 1 day late"));
  }

  // ------------------------------------------------------------------------------------------------ CRM refusals

  @Test
  void shouldLetMarketingOpsFixLeadDataTheCrmRefused() {
    // the CRM already knows an Ada Quinn of Quinn Systems under another address: its duplicate rule refuses ours
    ProcessInstance first = accepted(driver.handRaiser("ada@quinn.example", "DE", "Ada", "Quinn"));
    ProcessInstance instance = offered(driver.handRaiser("ada.quinn@quinn.example", "DE", "Ada", "Quinn"));
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "ACCEPT"));
    assertThat(instance).hasPassed(BOUNDARY_CRM_REJECTED_LEAD).isWaitingAt(TASK_FIX_LEAD_DATA);
    Assertions.assertThat(driver.variable(instance, CRM_ERROR_CODE)).isEqualTo("DUPLICATES_DETECTED");
    Assertions.assertThat(first.getId()).isNotEqualTo(instance.getId());

    Task fix = driver.task(instance, TASK_FIX_LEAD_DATA);
    driver.waitUntil(fix.getDueDate().toInstant().plus(Duration.ofMinutes(1)));
    assertThat(instance).hasPassed(TASK_ESCALATE_LATE_DATA_FIX);

    driver.completeAs("mia", fix, Map.of("correctedEmail", "ada.quinn@quinn.example", "correctedFirstName", "Adam",
        "correctedLastName", "Quinn", "correctedCompany", "Quinn Systems", "correctedCountry", "DE"));

    assertThat(instance).hasPassed(GATEWAY_RETRY_CRM_STEP).isWaitingAt(TASK_FOLLOW_UP_WITH_LEAD);
    Assertions.assertThat(leads.findById(UUID.fromString(instance.getBusinessKey()))).get()
        .extracting(Lead::getFirstName).isEqualTo("Adam");
  }

  @Test
  void shouldCountTheDataFixDeadlineInMarketingOpsWorkingTimeForALeadOfATeamInAnotherTimeZone() {
    // Monday 10:00 in Berlin (the default calendar, 9-17), 04:00 in New York where the lead's team works 9-17
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 11, 30, 10, 0, 0, 0, berlin).toInstant()));
    accepted(driver.handRaiser("kim@quinn.example", "US", "Kim", "Quinn"));
    ProcessInstance instance = offered(driver.handRaiser("kim.quinn@quinn.example", "US", "Kim", "Quinn"));
    Assertions.assertThat(driver.variable(instance, SALES_TEAM)).isEqualTo("sales-americas");
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);

    driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "ACCEPT"));

    // eight working hours of Berlin: 7 on Monday, 1 on Tuesday (New York's hours would end Monday 17:00 there)
    Date due = Date.from(ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, berlin).toInstant());
    Assertions.assertThat(driver.task(instance, TASK_FIX_LEAD_DATA).getDueDate()).isEqualTo(due);
    Assertions.assertThat(timer(instance, BOUNDARY_DATA_FIX_SLA_BREACHED).getDuedate()).isEqualTo(due);
  }

  @Test
  void shouldRemindMarketingOpsBeforeTheDataFixDeadlineUnlessFixed() {
    accepted(driver.handRaiser("bea@quinn.example", "DE", "Bea", "Quinn"));
    ProcessInstance unfixed = offered(driver.handRaiser("bea.quinn@quinn.example", "DE", "Bea", "Quinn"));
    ProcessInstance fixed = offered(driver.handRaiser("b.quinn@quinn.example", "DE", "Bea", "Quinn"));
    for (ProcessInstance instance : List.of(unfixed, fixed)) {
      Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
      driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "ACCEPT"));
    }
    Task fix = driver.task(unfixed, TASK_FIX_LEAD_DATA);
    // two hours before the deadline (dmn/SlaPolicy.dmn), to the members of marketing-ops
    Instant remindAt = fix.getDueDate().toInstant().minus(Duration.ofHours(2));

    driver.waitUntil(remindAt.minus(Duration.ofMinutes(1)));
    Assertions.assertThat(mailbox.receivedBy("mia@leadflow.example", "Reminder: Fix lead data")).isEmpty();
    driver.completeAs("mia", driver.task(fixed, TASK_FIX_LEAD_DATA), Map.of("correctedEmail", "b.quinn@quinn.example",
        "correctedFirstName", "Beatrix", "correctedLastName", "Quinn", "correctedCompany", "Quinn Systems",
        "correctedCountry", "DE"));

    driver.waitUntil(remindAt.plus(Duration.ofMinutes(1)));

    assertThat(unfixed).hasPassed(TASK_REMIND_TO_FIX_LEAD_DATA).isWaitingAt(TASK_FIX_LEAD_DATA);
    assertThat(fixed).hasNotPassed(TASK_REMIND_TO_FIX_LEAD_DATA);
    Assertions.assertThat(mailbox.receivedBy("mia@leadflow.example", "Reminder: Fix lead data")).singleElement()
        .satisfies(mail -> Assertions.assertThat(mail.getSubject()).contains("for Bea Quinn"));
  }

  @Test
  void shouldRefuseCorrectedLeadDataThatBreaksTheRulesOfCaptureAndKeepItCleaned() {
    accepted(driver.handRaiser("eve@quinn.example", "DE", "Eve", "Quinn"));
    ProcessInstance instance = offered(driver.handRaiser("eve.quinn@quinn.example", "DE", "Eve", "Quinn"));
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "ACCEPT"));
    Task fix = driver.task(instance, TASK_FIX_LEAD_DATA);

    Assertions.assertThatThrownBy(() -> driver.completeAs("mia", fix, Map.of("correctedEmail", "eve.quinn(at)quinn",
        "correctedFirstName", "Eve", "correctedLastName", "Quinn", "correctedCompany", "Quinn Systems",
        "correctedCountry", "ZZ"))).hasStackTraceContaining("Please correct: ")
        .hasStackTraceContaining("email ").hasStackTraceContaining("country ");
    assertThat(instance).isWaitingAt(TASK_FIX_LEAD_DATA);

    driver.completeAs("mia", fix, Map.of("correctedEmail", " Eve.Quinn@Quinn.example", "correctedFirstName", "Eve",
        "correctedLastName", "Quinn-Hopper", "correctedCompany", "Quinn Systems", "correctedCountry", "de",
        "correctedPhone", "030 901820"));

    assertThat(instance).isWaitingAt(TASK_FOLLOW_UP_WITH_LEAD);
    Assertions.assertThat(leads.findById(UUID.fromString(instance.getBusinessKey()))).get()
        .extracting(Lead::getEmail, Lead::getCountry, Lead::getPhone)
        .containsExactly("eve.quinn@quinn.example", "DE", "+4930901820");
  }

  @Test
  void shouldRetryTheOpportunityAfterMarketingOpsFixedTheData() {
    ProcessInstance instance = accepted(driver.handRaiser("grace@quinn.example", "DE", "Grace", "Quinn"));
    // meanwhile somebody captured an Ada Quinn of the same company, and then Grace's record is changed into Ada's
    accepted(driver.handRaiser("ada.q@quinn.example", "DE", "Ada", "Quinn"));
    renameLead(UUID.fromString(instance.getBusinessKey()), "Ada");
    Task followUp = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);
    // the new stage is sent to the CRM in a process of its own, which the CRM refuses too: it waits for its retry
    driver.completeAsAllowingFailures(followUp.getAssignee(), followUp, Map.of(FOLLOW_UP_OUTCOME, "QUALIFIED",
        OPPORTUNITY_AMOUNT, 10000, EXPECTED_CLOSE_DATE, "2027-06-30"));
    assertThat(instance).hasPassed(BOUNDARY_CRM_REJECTED_OPPORTUNITY).isWaitingAt(TASK_FIX_LEAD_DATA);

    driver.completeAs("mia", driver.task(instance, TASK_FIX_LEAD_DATA), Map.of("correctedEmail", "grace@quinn.example",
        "correctedFirstName", "Grace", "correctedLastName", "Quinn-Hopper", "correctedCompany", "Quinn Systems",
        "correctedCountry", "DE"));

    assertThat(instance).hasPassed(GATEWAY_RETRY_CRM_STEP, GATEWAY_CREATE_OPPORTUNITY_MERGE)
        .isWaitingAt(TASK_WORK_OPPORTUNITY);
    // with the data fixed, the stage change reaches the CRM at its next try
    driver.waitFor(Duration.ofSeconds(61));
    Assertions.assertThat(jdbc.queryForMap("select last_name, stage from leadflow.crm_lead where external_id = ?",
        UUID.fromString(instance.getBusinessKey()))).containsEntry("last_name", "Quinn-Hopper")
        .containsEntry("stage", "SQL");
    Assertions.assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(CrmLeadUpdate.PROCESS_KEY)
        .processInstanceBusinessKey(instance.getBusinessKey()).count()).isZero();
    Assertions.assertThat(runtime.createIncidentQuery().count()).isZero();
  }

  // ------------------------------------------------------------------------------------------------ at any time

  @Test
  void shouldEndTheLifecycleWhenTheLeadOptsOut() {
    ProcessInstance instance = accepted("optout@quinn.example");

    runtime.createMessageCorrelation(LeadLifecycle.MESSAGE_LEAD_UNSUBSCRIBED)
        .processInstanceBusinessKey(instance.getBusinessKey()).correlate();

    assertThat(instance).hasPassed(END_LEAD_UNSUBSCRIBED).isEnded();
    Assertions.assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count())
        .isZero();
    Assertions.assertThat(leads.findById(UUID.fromString(instance.getBusinessKey()))).get()
        .extracting(Lead::getStage).isEqualTo(Stage.UNSUBSCRIBED);
  }

  @Test
  void shouldEraseTheLeadsDataAndEndWhenAsked() {
    ProcessInstance instance = offered("erase@quinn.example");

    runtime.createMessageCorrelation(LeadLifecycle.MESSAGE_LEAD_ERASED)
        .processInstanceBusinessKey(instance.getBusinessKey()).correlate();
    driver.runDueJobs();

    assertThat(instance).hasPassed(TASK_ERASE_LEAD_DATA, END_LEAD_ERASED).isEnded();
    Lead lead = leads.findById(UUID.fromString(instance.getBusinessKey())).orElseThrow();
    Assertions.assertThat(lead.getStage()).isEqualTo(Stage.ERASED);
    Assertions.assertThat(lead.getEmail()).endsWith("@erased.invalid");
    Assertions.assertThat(lead.getFirstName()).isNull();
  }

  @Test
  void shouldEraseThePersonFromItsOpportunityAndTheCrmRecordsToo() {
    ProcessInstance instance = accepted(driver.handRaiser("erika.mustermann@quinn.example", "DE", "Erika",
        "Mustermann"));
    Task followUp = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);
    driver.completeAs(followUp.getAssignee(), followUp, Map.of(FOLLOW_UP_OUTCOME, "CONTACT_ATTEMPT",
        CONTACT_CHANNEL, "CALL", CONTACT_OUTCOME, "REACHED", CONTACT_NOTE, "Erika Mustermann wants a demo"));
    followUp = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);
    driver.completeAs(followUp.getAssignee(), followUp, Map.of(FOLLOW_UP_OUTCOME, "QUALIFIED",
        OPPORTUNITY_AMOUNT, 30000, EXPECTED_CLOSE_DATE, "2027-05-31"));
    List<String> tables = List.of("opportunity", "crm_lead", "crm_activity", "crm_opportunity");
    Assertions.assertThat(tables).allSatisfy(table -> Assertions.assertThat(rowsNaming(table, "Erika", "Mustermann",
        "erika.mustermann@quinn.example")).as(table).isPositive());

    runtime.createMessageCorrelation(LeadLifecycle.MESSAGE_LEAD_ERASED)
        .processInstanceBusinessKey(instance.getBusinessKey()).correlate();
    driver.runDueJobs();

    assertThat(instance).hasPassed(TASK_ERASE_LEAD_DATA).isEnded();
    Assertions.assertThat(tables).allSatisfy(table -> Assertions.assertThat(rowsNaming(table, "Erika", "Mustermann",
        "erika.mustermann@quinn.example")).as(table).isZero());
    // the records stay, without the person
    Assertions.assertThat(jdbc.queryForMap("select email, company from leadflow.crm_lead where external_id = ?",
        UUID.fromString(instance.getBusinessKey()))).containsEntry("company", "Quinn Systems")
        .extractingByKey("email").asString().endsWith("@erased.invalid");
    Assertions.assertThat(jdbc.queryForList("select name from leadflow.crm_opportunity where lead_external_id = ?",
        String.class, UUID.fromString(instance.getBusinessKey()))).containsExactly("Quinn Systems – erased lead");
  }

  @Test
  void shouldRescoreTheLeadOnANewInquiryWithoutStartingAnotherLifecycle() {
    ProcessInstance instance = offered("again@quinn.example");
    UUID leadId = UUID.fromString(instance.getBusinessKey());
    int before = leads.findById(leadId).orElseThrow().getScore();
    activities.save(new LeadActivity(UUID.randomUUID(), leads.findById(leadId).orElseThrow(),
        ActivityType.WEBINAR_ATTENDED, LifecycleDriver.now(), "web"));

    runtime.createMessageCorrelation(LeadLifecycle.MESSAGE_INQUIRY_RECEIVED)
        .processInstanceBusinessKey(leadId.toString()).correlate();
    driver.runDueJobs();

    assertThat(instance).hasPassed(TASK_RESCORE_LEAD).isWaitingAt(TASK_ACCEPT_LEAD);
    Assertions.assertThat(leads.findById(leadId).orElseThrow().getScore()).isEqualTo(before + 10);
    Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId.toString()).count())
        .isOne();
  }

  @Test
  void shouldRescoreALeadThatSalesWorksWhenItEngagesAndLeaveItWhereItIs() {
    ProcessInstance instance = offered("engaged@quinn.example");
    UUID leadId = UUID.fromString(instance.getBusinessKey());
    int before = leads.findById(leadId).orElseThrow().getScore();

    LeadEngagement.Recorded recorded = engagement.record(leadId, new ActivityReport(null,
        ActivityType.PRICING_PAGE_VISIT, null, "https://leadflow.example/pricing", null, null, null), "web");
    driver.runDueJobs();

    Assertions.assertThat(recorded.forwardedTo()).isEqualTo(LeadEngagement.Forwarded.LIFECYCLE);
    assertThat(instance).hasPassed(START_LEAD_ENGAGED, TASK_RESCORE_ENGAGED_LEAD).isWaitingAt(TASK_ACCEPT_LEAD);
    Lead lead = leads.findById(leadId).orElseThrow();
    Assertions.assertThat(lead.getScore()).isEqualTo(before + 10);
    Assertions.assertThat(lead.getStage()).isEqualTo(Stage.MQL);
    // the open task's columns in Tasklist show the new score
    Assertions.assertThat(tasks.getVariablesLocal(driver.task(instance, TASK_ACCEPT_LEAD).getId()))
        .containsEntry(SCORE, before + 10).containsEntry(STAGE, "MQL").containsEntry(COMPANY, "Quinn Systems");
  }

  @Test
  void shouldSendWhatAKnownLeadAsksForAgainAtOnce() {
    ProcessInstance instance = offered("asks-again@quinn.example");
    mailbox.empty();

    intake.capture(new NewLead("asks-again@quinn.example", "Asks", "Again", "Quinn Systems", "CTO", null, "DE",
        "webinar", "speed-2026", RequestType.CONTENT_DOWNLOAD, "webinar-recording", null, null, null, null, null,
        null, null, null, null, true), "web");
    driver.runDueJobs();

    assertThat(instance).hasPassed(TASK_FULFIL_NEW_REQUEST, TASK_RESCORE_LEAD).isWaitingAt(TASK_ACCEPT_LEAD);
    Assertions.assertThat(mailbox.receivedBy("asks-again@quinn.example",
        "Your copy of Webinar recording: speed to lead")).hasSize(1);
  }

  @Test
  void shouldTellWhoAskedForADemoWhoWillCallAndByWhenNamingTheRepOnceOneHasTheLead() {
    // Monday 23 November 2026, 10:00 in Berlin, where the default calendar and Sales EMEA work from 9 to 17
    driver.waitUntil(Instant.parse("2026-11-23T09:00:00Z"));
    ProcessInstance instance = offered(driver.handRaiser("demo-please@quinn.example", "DE"));

    // acknowledged before any rep has the lead: a hand-raiser's speed to lead is one working hour from the request,
    // acceptance included (11:00), as the follow-up's deadline counts
    List<MimeMessage> acknowledged = mailbox.receivedBy("demo-please@quinn.example");
    Assertions.assertThat(acknowledged).hasSize(1);
    Assertions.assertThat(subject(acknowledged.get(0)))
        .isEqualTo("Your Leadflow demo: we will call you by Monday 23 November, 11:00 Central European Standard Time");
    Assertions.assertThat(Mailbox.text(acknowledged.get(0)))
        .contains("Thank you for asking for a demo of Leadflow for automation. One of our sales specialists will "
            + "call you on +49301234567 by Monday 23 November, 11:00 Central European Standard Time")
        .doesNotContain("demo-campaign");

    // a quarter of an hour later, within the rep's half hour to accept, the lead asks again, now that the rep whose
    // turn it was has it
    String rep = driver.task(instance, TASK_ACCEPT_LEAD).getAssignee();
    mailbox.empty();
    driver.waitFor(Duration.ofMinutes(15));
    intake.capture(new NewLead("demo-please@quinn.example", "Demo", "Quinn", "Quinn Systems", "CTO",
        "+49 30 1234567", "DE", "web-form", "demo-campaign", RequestType.DEMO, null, null, null, null, null, null,
        null, null, null, null, true), "web");
    driver.runDueJobs();

    assertThat(instance).hasPassed(TASK_FULFIL_NEW_REQUEST);
    Assertions.assertThat(mailbox.receivedBy("demo-please@quinn.example")).singleElement()
        .extracting(Mailbox::text).asString()
        .contains((rep.equals("sam") ? "Sam Okafor" : "Lena Fischer") + " from our sales team will call you on "
            + "+49301234567 by Monday 23 November, 11:15 Central European Standard Time");
  }

  @Test
  void shouldOrderAPrintedKitForATopGradeLeadAndGoOnWithoutWaitingForIt() {
    UUID leadId = intake.capture(new NewLead("kit@quinn.example", "Kit", "Quinn", "Quinn Systems", "CTO", null, "DE",
        "content-download", "ebook-2026", RequestType.CONTENT_DOWNLOAD, "roi-guide", null, Industry.SOFTWARE, 2500,
        JobLevel.DECISION_MAKER, null, null, null, null, null, true), "mia");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();

    assertThat(instance).hasPassed(TASK_ENRICH_LEAD, TASK_DECIDE_FULFILMENT, TASK_ORDER_PRINTED_KIT,
        TASK_QUALIFY_LEAD);
    Assertions.assertThat(driver.variable(instance, PRINTED_KIT_REASON)).isEqualTo("Top-grade fit (A) in ENTERPRISE");
    ProcessInstance kit = runtime.createProcessInstanceQuery().processDefinitionKey(PrintedKit.PROCESS_KEY)
        .processInstanceBusinessKey(leadId.toString()).singleResult();
    assertThat(kit).isWaitingAt(PrintedKit.Elements.TASK_SEND_PRINTED_KIT);
    // the kit's task was created before the lead was qualified: its stage column followed the lead
    Task send = tasks.createTaskQuery().processInstanceId(kit.getId()).singleResult();
    Stage now = leads.findById(leadId).orElseThrow().getStage();
    Assertions.assertThat(now).isNotEqualTo(Stage.INQUIRY);
    Assertions.assertThat(tasks.getVariableLocal(send.getId(), STAGE)).isEqualTo(now.name());
  }

  // ------------------------------------------------------------------------------------------------ working time

  @Test
  void shouldMakeALeadOfferedOnFridayMorningDueOnMondayNotOnSunday() {
    // eight working hours, at most two working days: a cap of two calendar days would fall on Sunday 10:00
    ClockUtil.setCurrentTime(berlin(2026, 11, 27, 10, 0));
    ProcessInstance instance = offered(driver.fittingInquiry("friday@quinn.example", "DE"));
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    Assertions.assertThat(driver.variable(instance, HAND_RAISER)).isEqualTo(false);

    Assertions.assertThat(accept.getDueDate()).isEqualTo(berlin(2026, 11, 30, 10, 0));
    Assertions.assertThat(timer(instance, BOUNDARY_ACCEPTANCE_SLA_BREACHED).getDuedate())
        .isEqualTo(berlin(2026, 11, 30, 10, 0));
    // two working hours before: Friday 16:00, not Monday 08:00 before the team is at work
    Assertions.assertThat(timer(instance, BOUNDARY_ACCEPTANCE_REMINDER_DUE).getDuedate())
        .isEqualTo(berlin(2026, 11, 27, 16, 0));
    driver.waitUntil(berlin(2026, 11, 29, 12, 0).toInstant());
    assertThat(instance).hasNotPassed(TASK_REASSIGN_LATE_LEAD).isWaitingAt(TASK_ACCEPT_LEAD);
    Assertions.assertThat(breaches.findByLeadIdOrderByBreachedAtAsc(UUID.fromString(instance.getBusinessKey())))
        .isEmpty();
  }

  @Test
  void shouldGiveMarketingOpsTheirWeekendForAReview() {
    // 24 hours of marketing ops' working days: an MQL from Friday 15:00 is due on Monday 15:00, reminded at 11:00
    ClockUtil.setCurrentTime(berlin(2026, 11, 27, 15, 0));
    ProcessInstance instance = driver.instance(driver.fittingInquiry("review-weekend@quinn.example", "JP"));
    driver.runDueJobs();
    Task review = driver.task(instance, TASK_REVIEW_MQL);

    Assertions.assertThat(review.getDueDate()).isEqualTo(berlin(2026, 11, 30, 15, 0));
    Assertions.assertThat(timer(instance, BOUNDARY_REVIEW_REMINDER_DUE).getDuedate())
        .isEqualTo(berlin(2026, 11, 30, 11, 0));
    driver.waitUntil(berlin(2026, 11, 29, 23, 0).toInstant());
    assertThat(instance).hasNotPassed(TASK_REMIND_REVIEWER).hasNotPassed(TASK_ESCALATE_LATE_REVIEW);
  }

  @Test
  void shouldRemindDailyOnTheTeamsWorkingDaysOnly() {
    ClockUtil.setCurrentTime(berlin(2026, 11, 27, 9, 40));
    ProcessInstance instance = accepted("daily@quinn.example");

    // one working day after Friday 9:40 is Monday 9:40, not Saturday
    Assertions.assertThat(timer(instance, BOUNDARY_FOLLOW_UP_REMINDER_DUE).getDuedate())
        .isEqualTo(berlin(2026, 11, 30, 9, 40));
    driver.waitUntil(berlin(2026, 11, 30, 9, 45).toInstant());
    assertThat(instance).hasPassed(TASK_REMIND_REP_TO_FOLLOW_UP).isWaitingAt(TASK_FOLLOW_UP_WITH_LEAD);
    Assertions.assertThat(timer(instance, BOUNDARY_FOLLOW_UP_REMINDER_DUE).getDuedate())
        .isEqualTo(berlin(2026, 12, 1, 9, 45));
  }

  @Test
  void shouldAlertOnAStalledOpportunityOnMondayMorningRatherThanOnSaturday() {
    // an enterprise deal's 60 days from Tuesday 3 November end on Saturday 2 January: the alert waits for Monday
    ClockUtil.setCurrentTime(berlin(2026, 11, 3, 14, 0));
    ProcessInstance instance = opportunity("saturday@quinn.example");

    Assertions.assertThat(timer(instance, BOUNDARY_OPPORTUNITY_STALLED).getDuedate())
        .isEqualTo(berlin(2027, 1, 4, 9, 0));
    Assertions.assertThat(timer(instance, BOUNDARY_STAGE_REMINDER_DUE).getDuedate())
        .isEqualTo(berlin(2026, 12, 28, 9, 0));
  }

  // ------------------------------------------------------------------------------------------------ hand-raisers

  @Test
  void shouldSendAHandRaiserWhoseProfileDoesNotFitToMarketingOpsWithTheReason() {
    ClockUtil.setCurrentTime(berlin(2026, 11, 30, 10, 0));
    UUID leadId = driver.unfittingHandRaiser("uma.sparse@gmail.com", "DE");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();

    assertThat(instance).hasPassed(EVENT_HAND_RAISER_TO_REVIEW).hasNotPassed(EVENT_LEAD_TO_NURTURE)
        .isWaitingAt(TASK_REVIEW_MQL);
    Assertions.assertThat(driver.variable(instance, FIT_GRADE)).isEqualTo("D");
    Assertions.assertThat((String) driver.variable(instance, ROUTING_REASON))
        .contains("demo or contact").contains("grade D");
    Assertions.assertThat(leads.findById(leadId)).get().extracting(Lead::getStage).isEqualTo(Stage.INQUIRY);
    // a person asked to talk to us: one working hour for the review
    Assertions.assertThat(driver.task(instance, TASK_REVIEW_MQL).getDueDate()).isEqualTo(berlin(2026, 11, 30, 11, 0));

    driver.completeAs("mia", driver.task(instance, TASK_REVIEW_MQL), Map.of(REVIEW_OUTCOME, "ROUTE",
        SALES_TEAM, "sales-emea"));

    assertThat(instance).hasPassed(EVENT_QUALIFIED_BY_REVIEW, TASK_ASSIGN_REP).isWaitingAt(TASK_ACCEPT_LEAD);
    Assertions.assertThat(history.findByLeadIdOrderByChangedAtAscIdAsc(leadId))
        .extracting(StageChange::getToStage, StageChange::getChangedBy)
        .containsExactly(tuple(Stage.INQUIRY, "system"), tuple(Stage.MQL, "mia"));
  }

  @Test
  void shouldSendANurturedLeadThatAsksForADemoToMarketingOpsThoughItsProfileDoesNotFit() {
    UUID leadId = driver.notReady("bakery-demo@berg.example");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();
    assertThat(instance).isWaitingAt(TASK_NURTURE_LEAD);
    jdbc.update("update leadflow.lead set company_size = null, industry = null where id = ?", leadId);

    intake.capture(new NewLead("bakery-demo@berg.example", "Bo", "Berg", "Berg Bakery", null, null, "DE", "web-form",
        "demo-campaign", RequestType.DEMO, null, null, null, null, null, null, null, null, null, null, true), "web");
    driver.runDueJobs();

    assertThat(instance).hasPassed(TASK_NURTURE_LEAD).isWaitingAt(TASK_REVIEW_MQL);
    Assertions.assertThat((String) driver.variable(instance, ROUTING_REASON)).contains("demo or contact");
  }

  @Test
  void shouldCountSpeedToLeadFromTheRequestAndGiveAcceptanceItsOwnShorterDeadline() {
    ClockUtil.setCurrentTime(berlin(2026, 11, 30, 10, 0));
    ProcessInstance instance = offered("speed@quinn.example");
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    // half a working hour to accept a hand-raiser
    Assertions.assertThat(accept.getDueDate()).isEqualTo(berlin(2026, 11, 30, 10, 30));

    ClockUtil.setCurrentTime(berlin(2026, 11, 30, 10, 20));
    driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "ACCEPT"));

    // one working hour from the request, acceptance included: 11:00, not 11:20
    Assertions.assertThat(driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD).getDueDate())
        .isEqualTo(berlin(2026, 11, 30, 11, 0));
    Assertions.assertThat(timer(instance, BOUNDARY_FIRST_CONTACT_SLA_BREACHED).getDuedate())
        .isEqualTo(berlin(2026, 11, 30, 11, 0));
  }

  // ------------------------------------------------------------------------------------------------ opt-out

  @Test
  void shouldKeepTheSalesConversationOfAnAcceptedLeadThatOptsOutOfMarketingMail() throws Exception {
    ProcessInstance instance = accepted("optout-sal@quinn.example");
    UUID leadId = UUID.fromString(instance.getBusinessKey());
    Assertions.assertThat(formLead(driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD)).path("unsubscribedOn").isTextual())
        .isFalse();

    unsubscribes.unsubscribe(leadId, "unsubscribe link");

    assertThat(instance).hasPassed(START_OPTED_OUT_DURING_SALES_WORK).isWaitingAt(TASK_FOLLOW_UP_WITH_LEAD);
    Assertions.assertThat(leads.findById(leadId)).get().extracting(Lead::getStage, Lead::hasMarketingConsent)
        .containsExactly(Stage.SAL, false);
    // the rep's form shows the opt-out when it opens
    Task followUp = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);
    Assertions.assertThat(formLead(followUp).path("unsubscribedOn").isTextual()).isTrue();

    // sent back by the rep, the lead is not nurtured: it ends as unsubscribed
    driver.completeAs(followUp.getAssignee(), followUp, Map.of(FOLLOW_UP_OUTCOME, "NEEDS_NURTURING",
        STAGE_REASON, "Next budget year"));
    assertThat(instance).hasPassed(GATEWAY_OPTED_OUT, END_UNSUBSCRIBED_BEFORE_NURTURE).hasNotPassed(TASK_NURTURE_LEAD)
        .isEnded();
    Assertions.assertThat(leads.findById(leadId)).get().extracting(Lead::getStage).isEqualTo(Stage.UNSUBSCRIBED);
  }

  @Test
  void shouldEndALeadThatOptsOutBeforeSalesAcceptedIt() {
    ProcessInstance instance = offered("optout-mql@quinn.example");

    unsubscribes.unsubscribe(UUID.fromString(instance.getBusinessKey()), "unsubscribe link");

    assertThat(instance).hasPassed(END_LEAD_UNSUBSCRIBED).isEnded();
    Assertions.assertThat(leads.findById(UUID.fromString(instance.getBusinessKey()))).get()
        .extracting(Lead::getStage).isEqualTo(Stage.UNSUBSCRIBED);
  }

  // ------------------------------------------------------------------------------------------------ routing

  @Test
  void shouldSendALeadRoutedToATeamThatDoesNotExistToMarketingOpsWithTheReason() throws Exception {
    String table = new String(getClass().getResourceAsStream("/dmn/LeadRouting.dmn").readAllBytes(),
        StandardCharsets.UTF_8).replace("\"sales-emea\"", "\"sales-nordics\"");
    String deployment = engine.getRepositoryService().createDeployment().addString("LeadRouting.dmn", table)
        .deploy().getId();
    try {
      ProcessInstance instance = driver.instance(driver.handRaiser("nordics@quinn.example", "NO"));
      driver.runDueJobsAllowingFailures();

      assertThat(instance).isWaitingAt(TASK_REVIEW_MQL);
      Assertions.assertThat((String) driver.variable(instance, ROUTING_REASON)).contains("sales-nordics")
          .contains("does not exist");
      Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }

  // ------------------------------------------------------------------------------------------------ recycling

  @Test
  void shouldKeepALeadSalesRejectedInNurtureForItsHoldOff() {
    ProcessInstance instance = offered(driver.fittingInquiry("hold-off@quinn.example", "DE"));
    UUID leadId = UUID.fromString(instance.getBusinessKey());
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "REJECT", REJECT_TO, "NURTURE",
        STAGE_REASON, "Not this quarter"));
    assertThat(instance).isWaitingAt(TASK_NURTURE_LEAD);

    // it engages ten days later: it still fits, but sales sent it back, so it stays in nurture
    driver.waitFor(Duration.ofDays(10));
    engagement.record(leadId, new ActivityReport(null, ActivityType.PRICING_PAGE_VISIT, null,
        "https://leadflow.example/pricing", null, null, null), "web");
    driver.runDueJobs();
    assertThat(instance).isWaitingAt(TASK_NURTURE_LEAD);
    Assertions.assertThat((String) runtime.getVariable(runtime.createProcessInstanceQuery()
        .superProcessInstanceId(instance.getId()).singleResult().getId(), QUALIFICATION_REASON)).contains("until");

    // after the hold-off the next engagement makes it an MQL again
    driver.waitFor(Duration.ofDays(90));
    engagement.record(leadId, new ActivityReport(null, ActivityType.PRICING_PAGE_VISIT, null,
        "https://leadflow.example/pricing", null, null, null), "web");
    driver.runDueJobs();
    assertThat(instance).isWaitingAt(TASK_ACCEPT_LEAD);
  }

  @Test
  void shouldBringARecycledLeadBackWhenItRaisesItsHandAgainButNotToTheRepWhoRejectedIt() {
    organisation.saveTargetAccount("holdoff.example", "Hold Off Ltd", "sam", null);
    try {
      ProcessInstance instance = offered(driver.handRaiser("hana@holdoff.example", "DE"));
      Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
      Assertions.assertThat(accept.getAssignee()).isEqualTo("sam");
      driver.completeAs("sam", accept, Map.of(ACCEPT_OUTCOME, "REJECT", REJECT_TO, "NURTURE",
          STAGE_REASON, "Wrong contact"));
      driver.waitFor(Duration.ofDays(3));

      // she asks for a demo again: back at once, to another rep than the one who rejected her
      driver.handRaiser("hana@holdoff.example", "DE");
      driver.runDueJobs();

      assertThat(instance).isWaitingAt(TASK_ACCEPT_LEAD);
      Assertions.assertThat(driver.task(instance, TASK_ACCEPT_LEAD).getAssignee()).isEqualTo("lena");
    } finally {
      targetAccounts.deleteById("holdoff.example");
    }
  }

  // ------------------------------------------------------------------------------------------------ dormant

  @Test
  void shouldKeepADormantLeadInReEngagementAndBringItBackWhenItEngages() {
    UUID leadId = driver.notReady("dormant-back@berg.example");
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();

    driver.waitFor(Duration.ofDays(181));
    assertThat(instance).isWaitingAt(TASK_NURTURE_LEAD);
    Assertions.assertThat(leads.findById(leadId)).get().extracting(Lead::getStage).isEqualTo(Stage.DORMANT);

    // a year on it asks for a demo, with a profile that fits now
    driver.waitFor(Duration.ofDays(365));
    updateProfileToFit(leadId);
    intake.capture(new NewLead("dormant-back@berg.example", "Bo", "Berg", "Berg Bakery", "Owner", null, "DE",
        "web-form", "demo-campaign", RequestType.DEMO, null, null, null, null, null, null, null, null, null, null,
        true), "web");
    driver.runDueJobs();

    assertThat(instance).hasPassed(TASK_NURTURE_LEAD, EVENT_MARKETING_QUALIFIED).isWaitingAt(TASK_ACCEPT_LEAD);
    Assertions.assertThat(history.findByLeadIdOrderByChangedAtAscIdAsc(leadId)).extracting(StageChange::getToStage)
        .containsExactly(Stage.INQUIRY, Stage.NURTURE, Stage.DORMANT, Stage.MQL);
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ProcessInstance offered(String email) {
    return offered(driver.handRaiser(email, "DE"));
  }

  private ProcessInstance offered(UUID leadId) {
    ProcessInstance instance = driver.instance(leadId);
    driver.runDueJobs();
    assertThat(instance).isWaitingAt(TASK_ACCEPT_LEAD);
    return instance;
  }

  private ProcessInstance accepted(String email) {
    return accepted(driver.handRaiser(email, "DE"));
  }

  private ProcessInstance accepted(UUID leadId) {
    ProcessInstance instance = offered(leadId);
    Task accept = driver.task(instance, TASK_ACCEPT_LEAD);
    driver.completeAs(accept.getAssignee(), accept, Map.of(ACCEPT_OUTCOME, "ACCEPT"));
    return instance;
  }

  private ProcessInstance opportunity(String email) {
    ProcessInstance instance = accepted(email);
    Task followUp = driver.task(instance, TASK_FOLLOW_UP_WITH_LEAD);
    driver.completeAs(followUp.getAssignee(), followUp, Map.of(FOLLOW_UP_OUTCOME, "QUALIFIED",
        OPPORTUNITY_AMOUNT, 25000, EXPECTED_CLOSE_DATE, "2027-05-31"));
    assertThat(instance).isWaitingAt(TASK_WORK_OPPORTUNITY);
    return instance;
  }

  private ProcessInstance reviewed(String email, Map<String, Object> outcome) {
    ProcessInstance instance = driver.instance(driver.handRaiser(email, "JP"));
    driver.runDueJobs();
    driver.completeAs("mia", driver.task(instance, TASK_REVIEW_MQL), outcome);
    return instance;
  }

  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  private static Date berlin(int year, int month, int day, int hour, int minute) {
    return Date.from(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, ZoneId.of("Europe/Berlin")).toInstant());
  }

  private long slaPolicyDecisions() {
    return engine.getHistoryService().createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey(SlaPolicies.DECISION).count();
  }

  private Job timer(ProcessInstance instance, String boundaryEvent) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
        .activityId(boundaryEvent).singleResult();
  }

  private void updateProfileToFit(UUID leadId) {
    jdbc.update("update leadflow.lead set industry = 'SOFTWARE', company_size = 400, job_level = 'DECISION_MAKER' "
        + "where id = ?", leadId);
  }

  private void jdbcMoveToCompetitor(UUID leadId) {
    jdbc.update("update leadflow.lead set company_domain = 'rivalsoft.example' where id = ?", leadId);
  }

  /** Rows of a table in schema leadflow whose text shows any of the values. */
  private long rowsNaming(String table, String... values) {
    String matches = String.join(" or ", java.util.Collections.nCopies(values.length, "t::text ilike ?"));
    return jdbc.queryForObject("select count(*) from leadflow." + table + " t where " + matches, Long.class,
        java.util.Arrays.stream(values).map(value -> "%" + value + "%").toArray());
  }

  private void renameLead(UUID leadId, String firstName) {
    jdbc.update("update leadflow.lead set first_name = ? where id = ?", firstName, leadId);
  }
}
