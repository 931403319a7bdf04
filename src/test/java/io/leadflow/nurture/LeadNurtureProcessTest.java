package io.leadflow.nurture;

import static io.leadflow.nurture.LeadNurture.Elements.*;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.leadflow.Mailbox;
import io.leadflow.ProcessCoverage;
import io.leadflow.ProcessTest;
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
import io.leadflow.lead.Stage;
import io.leadflow.lead.StageChange;
import io.leadflow.lead.StageChangeRepository;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.lifecycle.LifecycleDriver;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every path of bpmn/LeadNurture.bpmn on the engine clock: the drip series of dmn/NurtureDrip.dmn sent at its times,
 * a follow-up on the date the lead gave, behaviour that re-scores the lead, consent, unsubscribing and dormancy.
 */
@ProcessTest
@ProcessCoverage(passedThrough = {"LeadLifecycle", "LeadProcessReview", "PrintedKit", "CrmLeadUpdate"})
class LeadNurtureProcessTest {


  private static final ActivityReport PRICING_PAGE_VISIT = new ActivityReport(null, ActivityType.PRICING_PAGE_VISIT,
      null, "https://leadflow.example/pricing", null, null, null);
  /** A Monday morning in Berlin; the drip waits of the table count from here. */
  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired LifecycleDriver driver;
  @Autowired LeadIntake intake;
  @Autowired LeadRepository leads;
  @Autowired LeadActivityRepository activities;
  @Autowired StageChangeRepository history;
  @Autowired LeadEngagement engagement;
  @Autowired Unsubscribes unsubscribes;
  @Autowired Mailbox mailbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactionManager;

  @BeforeEach
  void setUp() {
    init(engine);
    ClockUtil.setCurrentTime(Date.from(START));
    mailbox.empty();
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    driver.cleanUp(jdbc);
  }

  @Test
  void shouldSendTheDripSeriesAtTheTimesOfTheTableAndThenWaitForTheEndOfTheNurturePeriod() throws Exception {
    UUID leadId = driver.notReady("drip@berg.example");
    ProcessInstance nurture = startNurture(leadId, "SMB");
    assertThat(nurture).isWaitingAt(GATEWAY_WAIT_FOR_ENGAGEMENT);
    Assertions.assertThat(variable(nurture, "nextTouch")).isEqualTo("DRIP");
    Assertions.assertThat(variable(nurture, "nextTouchAt")).isEqualTo(Date.from(START.plus(Duration.ofDays(3))));

    driver.waitFor(Duration.ofDays(3).minusMinutes(1));
    Assertions.assertThat(mailbox.receivedBy("drip@berg.example")).isEmpty();

    // the table's steps: after 3 days, then 14, 30 and 45 days after the step before (SMB: the general pricing step)
    List<String> subjects = List.of("Getting started with lead management", "Case study: Webinar recording: speed to "
        + "lead", "Pricing guide: what lead management costs", "Case study: The lead management ROI "
        + "guide");
    Instant due = START;
    int step = 0;
    for (Duration wait : List.of(Duration.ofDays(3), Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(45))) {
      due = due.plus(wait);
      driver.waitUntil(due);
      List<MimeMessage> mails = mailbox.receivedBy("drip@berg.example");
      Assertions.assertThat(mails).hasSize(step + 1);
      Assertions.assertThat(mails.get(step).getSubject()).isEqualTo(subjects.get(step));
      Assertions.assertThat(mails.get(step).getHeader("List-Unsubscribe")).isNotEmpty();
      step++;
      Assertions.assertThat(variable(nurture, "dripStep")).isEqualTo(step);
    }
    Assertions.assertThat(activities.findAll()).filteredOn(a -> a.getLeadId().equals(leadId)
            && a.getType() == ActivityType.EMAIL_SENT && a.getSubject().startsWith("Nurture step"))
        .extracting(LeadActivity::getSubject)
        .containsExactlyInAnyOrder("Nurture step 1: Leadflow product overview",
            "Nurture step 2: Webinar recording: speed to lead", "Nurture step 3: The lead management ROI guide",
            "Nurture step 4: The lead management ROI guide");

    // the series is over: the next touch is the end of the nurture period, 180 days after the start
    assertThat(nurture).isWaitingAt(GATEWAY_WAIT_FOR_ENGAGEMENT);
    Assertions.assertThat(variable(nurture, "nextTouch")).isEqualTo("DORMANCY");
    Assertions.assertThat(variable(nurture, "nextTouchAt")).isEqualTo(Date.from(START.plus(Duration.ofDays(180))));
    driver.waitUntil(START.plus(Duration.ofDays(180)));
    // dormant, not forgotten: the re-engagement series starts, its first step a month later
    assertThat(nurture).hasPassed(EVENT_LEAD_GOES_DORMANT).isWaitingAt(GATEWAY_WAIT_FOR_ENGAGEMENT);
    Assertions.assertThat(leads.findById(leadId)).get().extracting(Lead::getStage).isEqualTo(Stage.DORMANT);
    Assertions.assertThat(variable(nurture, "nextTouch")).isEqualTo("DRIP");
    Assertions.assertThat(variable(nurture, "nextTouchAt")).isEqualTo(Date.from(START.plus(Duration.ofDays(210))));
    Assertions.assertThat(mailbox.receivedBy("drip@berg.example")).hasSize(4);
  }

  @Test
  void shouldReEngageADormantLeadOverTheYearsAndEndTheSeriesWithoutAnswer() throws Exception {
    UUID leadId = driver.notReady("years@berg.example");
    ProcessInstance nurture = startNurture(leadId, "SMB");
    driver.waitUntil(START.plus(Duration.ofDays(180)));
    mailbox.empty();

    // a month after dormancy, three months apart for a year, then twice a year (dmn/ReEngagement.dmn)
    Instant due = START.plus(Duration.ofDays(180));
    List<Integer> waits = List.of(30, 90, 90, 90, 180, 180, 180, 180, 180, 180, 180, 180);
    for (int step = 0; step < waits.size(); step++) {
      due = due.plus(Duration.ofDays(waits.get(step)));
      driver.waitUntil(due.minus(Duration.ofMinutes(1)));
      Assertions.assertThat(mailbox.receivedBy("years@berg.example")).as("before step %d", step + 1).hasSize(step);
      driver.waitUntil(due);
      Assertions.assertThat(mailbox.receivedBy("years@berg.example")).as("step %d", step + 1).hasSize(step + 1);
    }
    Assertions.assertThat(mailbox.receivedBy("years@berg.example").get(1).getSubject())
        .isEqualTo("It has been a while: speed to lead");
    Assertions.assertThat(mailbox.receivedBy("years@berg.example").get(1).getHeader("List-Unsubscribe"))
        .isNotEmpty();

    // the twelfth step was the last: nearly five years on, the lead stays dormant and the nurture ends
    assertThat(nurture).hasPassed(TASK_CHOOSE_NEXT_RE_ENGAGEMENT_STEP, END_NURTURE_EXPIRED).isEnded();
    Assertions.assertThat(leads.findById(leadId)).get().extracting(Lead::getStage).isEqualTo(Stage.DORMANT);
  }

  @Test
  void shouldNurtureADormantLeadThatEngagesFromTheStartOfTheSeriesAgain() {
    UUID leadId = driver.notReady("awake@berg.example");
    ProcessInstance nurture = startNurture(leadId, "SMB");
    driver.waitUntil(START.plus(Duration.ofDays(300)));
    Assertions.assertThat(leads.findById(leadId)).get().extracting(Lead::getStage).isEqualTo(Stage.DORMANT);

    engage(leadId, ActivityType.PAGE_VISIT);

    assertThat(nurture).hasPassed(GATEWAY_WAS_DORMANT, EVENT_LEAD_RE_ENGAGED).isWaitingAt(GATEWAY_WAIT_FOR_ENGAGEMENT);
    Assertions.assertThat(leads.findById(leadId)).get().extracting(Lead::getStage).isEqualTo(Stage.NURTURE);
    Assertions.assertThat(variable(nurture, "dormant")).isEqualTo(false);
    Assertions.assertThat(variable(nurture, "nextTouch")).isEqualTo("DRIP");
    Assertions.assertThat(variable(nurture, "nextTouchAt"))
        .isEqualTo(Date.from(LifecycleDriver.now().plus(Duration.ofDays(3))));
    Assertions.assertThat(history.findByLeadIdOrderByChangedAtAscIdAsc(leadId)).extracting(StageChange::getToStage)
        .endsWith(Stage.DORMANT, Stage.NURTURE);
  }

  @Test
  void shouldSendAHandRaiserWhoseProfileDoesNotFitBackForMarketingOpsToReview() {
    UUID leadId = driver.notReady("review-me@berg.example");
    ProcessInstance nurture = startNurture(leadId, "SMB");
    jdbc.update("update leadflow.lead set company_size = null, industry = null where id = ?", leadId);

    engage(leadId, ActivityType.DEMO_REQUEST);

    assertThat(nurture).hasPassed(END_LEAD_REQUALIFIED).isEnded();
    Assertions.assertThat(history(nurture, "qualification")).isEqualTo("REVIEW");
  }

  @Test
  void shouldGiveEnterpriseLeadsTheirOwnPricingStep() throws Exception {
    UUID leadId = driver.notReady("enterprise-drip@berg.example");
    ProcessInstance nurture = startNurture(leadId, "ENTERPRISE");

    // each wait counts from the step before it was sent
    for (int days : List.of(3, 3 + 14, 3 + 14 + 21)) {
      driver.waitUntil(START.plus(Duration.ofDays(days)));
    }

    Assertions.assertThat(variable(nurture, "dripStep")).isEqualTo(3);
    Assertions.assertThat(mailbox.receivedBy("enterprise-drip@berg.example").get(2).getSubject())
        .isEqualTo("Pricing guide: what rolling out lead management across teams costs");
  }

  @Test
  void shouldFollowUpOnTheDateTheLeadGaveAtTheStartOfTheWorkingDay() throws Exception {
    LocalDate renewal = LocalDate.of(2026, 3, 20);
    UUID leadId = intake.capture(new NewLead("renewal@berg.example", "Rita", "Berg", "Berg Bakery", "Owner", null,
        "DE", "content-download", "ebook-2026", RequestType.CONTENT_DOWNLOAD, "roi-guide", "forecasting",
        Industry.RETAIL, 8, JobLevel.USER, null, null, null, null, null, true, renewal,
        FollowUpReason.CONTRACT_RENEWAL, null), "mia");
    ProcessInstance nurture = startNurture(leadId, "SMB");
    driver.waitUntil(START.plus(Duration.ofDays(17)));
    Assertions.assertThat(mailbox.receivedBy("renewal@berg.example", "Following up")).isEmpty();

    Instant nineInBerlin = renewal.atTime(9, 0).atZone(BERLIN).toInstant();
    Assertions.assertThat(variable(nurture, "nextTouch")).isEqualTo("FOLLOW_UP");
    Assertions.assertThat(variable(nurture, "nextTouchAt")).isEqualTo(Date.from(nineInBerlin));
    driver.waitUntil(nineInBerlin);

    assertThat(nurture).hasPassed(TASK_SEND_DATED_FOLLOW_UP).isWaitingAt(GATEWAY_WAIT_FOR_ENGAGEMENT);
    List<MimeMessage> followUps = mailbox.receivedBy("renewal@berg.example", "Following up");
    Assertions.assertThat(followUps).hasSize(1);
    Assertions.assertThat(followUps.get(0).getSubject()).isEqualTo("Following up: your contract renewal");
    Assertions.assertThat(jdbc.queryForObject("select sent_at from leadflow.nurture_follow_up where lead_id = ?",
        java.sql.Timestamp.class, leadId).toInstant()).isEqualTo(nineInBerlin);
    // the lead asked for this contact: the nurture period counts again from it
    Assertions.assertThat(variable(nurture, "quietSince")).isEqualTo(Date.from(nineInBerlin));
  }

  @Test
  void shouldSendNoNurtureMailToALeadWithoutConsentAndLetItGoDormant() {
    UUID leadId = intake.capture(new NewLead("no-consent@berg.example", "Nora", "Berg", "Berg Bakery", "Owner",
        null, "DE", "content-download", "ebook-2026", RequestType.CONTENT_DOWNLOAD, "roi-guide", null,
        Industry.RETAIL, 8, JobLevel.USER, null, null, null, null, null, false, LocalDate.of(2026, 4, 1),
        FollowUpReason.BUDGET_CYCLE, null), "mia");
    ProcessInstance nurture = startNurture(leadId, "SMB");
    Assertions.assertThat(variable(nurture, "nextTouch")).isEqualTo("DORMANCY");

    driver.waitFor(Duration.ofDays(181));

    // dormant; without consent it gets no re-engagement series either
    assertThat(nurture).hasPassed(EVENT_LEAD_GOES_DORMANT, END_NURTURE_EXPIRED).isEnded();
    Assertions.assertThat(mailbox.receivedBy("no-consent@berg.example")).isEmpty();
  }

  @Test
  void shouldMakeANurturedLeadThatVisitsThePricingPageTwiceAnMql() {
    // fits well (software, mid-market, an influencer) but only downloaded a guide: nurtured below the threshold of 60
    UUID leadId = intake.capture(new NewLead("pricing@quinn.example", "Pia", "Quinn", "Quinn Systems", "Head of IT",
        null, "DE", "content-download", "ebook-2026", RequestType.CONTENT_DOWNLOAD, "roi-guide", null,
        Industry.SOFTWARE, 400, JobLevel.INFLUENCER, null, null, null, null, null, true), "mia");
    driver.runDueJobs();
    ProcessInstance lifecycle = driver.instance(leadId);
    assertThat(lifecycle).isWaitingAt(LeadLifecycle.Elements.TASK_NURTURE_LEAD);
    ProcessInstance nurture = nurtureOf(leadId);

    engagement.record(leadId, PRICING_PAGE_VISIT, "web");
    driver.runDueJobs();
    assertThat(nurture).hasPassed(TASK_RESCORE_NURTURED_LEAD).isWaitingAt(GATEWAY_WAIT_FOR_ENGAGEMENT);
    Assertions.assertThat(variable(nurture, "qualification")).isEqualTo("NURTURE");

    engagement.record(leadId, PRICING_PAGE_VISIT, "web");
    driver.runDueJobs();

    assertThat(nurture).hasPassed(END_LEAD_REQUALIFIED).isEnded();
    assertThat(lifecycle).hasPassed(LeadLifecycle.Elements.EVENT_MARKETING_QUALIFIED);
    Assertions.assertThat(leads.findById(leadId)).get().extracting(Lead::getStage).isNotEqualTo(Stage.NURTURE);
    Assertions.assertThat(history.findByLeadIdOrderByChangedAtAscIdAsc(leadId)).extracting(StageChange::getToStage)
        .containsExactly(Stage.INQUIRY, Stage.NURTURE, Stage.MQL);
  }

  @Test
  void shouldReScoreAnEngagementReportedWhileTheNurtureDecidesToWait() throws Exception {
    UUID leadId = intake.capture(new NewLead("race@quinn.example", "Pia", "Quinn", "Quinn Systems", "Head of IT",
        null, "DE", "content-download", "ebook-2026", RequestType.CONTENT_DOWNLOAD, "roi-guide", null,
        Industry.SOFTWARE, 400, JobLevel.INFLUENCER, null, null, null, null, null, true), "mia");
    driver.runDueJobs();
    ProcessInstance nurture = nurtureOf(leadId);
    engagement.record(leadId, PRICING_PAGE_VISIT, "web");
    management.executeJob(jobAt(nurture, TASK_FULFIL_OPEN_REQUESTS));
    // re-scored once, not an MQL yet: the nurture is about to plan its next touch and wait
    assertThat(nurture).hasPassed(TASK_RESCORE_NURTURED_LEAD).isWaitingAt(TASK_PLAN_NEXT_TOUCH);

    // the second visit is being reported, not committed yet, when the nurture plans its next touch
    String planJob = jobAt(nurture, TASK_PLAN_NEXT_TOUCH);
    whileAVisitIsBeingReported(leadId, () -> management.executeJob(planJob));
    driver.runDueJobs();

    assertThat(nurture).hasPassed(GATEWAY_ENGAGED_MEANWHILE, END_LEAD_REQUALIFIED).isEnded();
    Assertions.assertThat(leads.findById(leadId)).get().extracting(Lead::getStage).isNotEqualTo(Stage.NURTURE);
  }

  @Test
  void shouldUnsubscribeALeadWhoseNurtureMovesOnAtTheSameTime() throws Exception {
    UUID leadId = driver.notReady("busy-unsubscriber@berg.example");
    driver.runDueJobs();
    assertThat(nurtureOf(leadId)).isWaitingAt(GATEWAY_WAIT_FOR_ENGAGEMENT);

    // the visit moves the nurture on; the unsubscribe ends it and the lifecycle
    whileAVisitIsBeingReported(leadId, () -> unsubscribes.unsubscribe(leadId, "Unsubscribe link"));

    Assertions.assertThat(leads.findById(leadId)).get().extracting(Lead::getUnsubscribedAt).isNotNull();
    Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId.toString())
        .count()).isZero();
  }

  @Test
  void shouldSendNoFurtherMailOnceTheLeadUnsubscribes() {
    UUID leadId = driver.notReady("unsubscriber@berg.example");
    driver.runDueJobs();
    driver.waitFor(Duration.ofDays(3));
    Assertions.assertThat(mailbox.receivedBy("unsubscriber@berg.example", "Getting started")).hasSize(1);

    unsubscribes.unsubscribe(leadId, "test");
    driver.waitFor(Duration.ofDays(60));

    Assertions.assertThat(mailbox.receivedBy("unsubscriber@berg.example")).hasSize(2);
    Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(leadId.toString())
        .count()).isZero();
  }

  @Test
  void shouldReScoreAnEngagementThatArrivedWhileANurtureMailWasBeingSent() {
    UUID leadId = driver.notReady("meanwhile@berg.example");
    ProcessInstance nurture = startNurture(leadId, "SMB");
    ClockUtil.setCurrentTime(Date.from(START.plus(Duration.ofDays(3))));
    management.executeJob(management.createJobQuery().processInstanceId(nurture.getId()).timers().singleResult()
        .getId());
    assertThat(nurture).isWaitingAt(TASK_SEND_NURTURE_EMAIL);

    // nobody waits for the message now: the correlation finds no one, the activity is on the lead's record
    engagement.record(leadId, new ActivityReport(null, ActivityType.WEBINAR_ATTENDED, null, null, "Speed to lead",
        null, null), "web");
    driver.runDueJobs();

    assertThat(nurture).hasPassed(TASK_SEND_NURTURE_EMAIL, GATEWAY_ENGAGED_MEANWHILE, TASK_RESCORE_NURTURED_LEAD)
        .isWaitingAt(GATEWAY_WAIT_FOR_ENGAGEMENT);
    Assertions.assertThat(variable(nurture, "engagedMeanwhile")).isEqualTo(false);
    Assertions.assertThat(jdbc.queryForList("select reason from leadflow.lead_score_reason where lead_id = ?",
        String.class, leadId)).contains("Attended a webinar in the last 90 days");
  }

  @Test
  void shouldFulfilANewRequestOfANurturedLead() {
    UUID leadId = driver.notReady("second-download@berg.example");
    driver.runDueJobs();
    mailbox.empty();

    driver.notReady("second-download@berg.example");
    driver.runDueJobs();

    Assertions.assertThat(mailbox.receivedBy("second-download@berg.example")).hasSize(1);
    assertThat(nurtureOf(leadId)).hasPassed(TASK_FULFIL_OPEN_REQUESTS, TASK_RESCORE_NURTURED_LEAD);
  }

  @Test
  void shouldEndNurturingOfALeadThatBecomesADisqualifiedOne() {
    UUID leadId = driver.notReady("nurture-student@berg.example");
    ProcessInstance nurture = startNurture(leadId, "SMB");
    jdbc.update("update leadflow.lead set job_title = 'Student of economics' where id = ?", leadId);

    engage(leadId, ActivityType.CONTENT_DOWNLOAD);

    assertThat(nurture).hasPassed(END_NURTURED_LEAD_DISQUALIFIED).isEnded();
  }

  private ProcessInstance startNurture(UUID leadId, String segment) {
    driver.runDueJobs();
    // the lifecycle that captured the lead is not part of this test
    runtime.deleteProcessInstance(driver.instance(leadId).getId(), "nurture tested alone", true, true);
    ProcessInstance nurture = runtime.startProcessInstanceByKey(LeadNurture.PROCESS_KEY, leadId.toString(),
        Map.of("leadId", leadId.toString(), "segment", segment));
    driver.runDueJobs();
    // the acknowledgement of the capture is not the nurture's
    mailbox.empty();
    return nurture;
  }

  private String jobAt(ProcessInstance instance, String activityId) {
    return management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult()
        .getId();
  }

  /**
   * Runs {@code concurrently} while a pricing-page visit of the lead is recorded but not committed, and commits the
   * visit once that work has finished or waits for a lock; fails if that work failed.
   */
  private void whileAVisitIsBeingReported(UUID leadId, Runnable concurrently) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch reported = new CountDownLatch(1);
      CountDownLatch commit = new CountDownLatch(1);
      Future<?> report = threads.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
        engagement.record(leadId, PRICING_PAGE_VISIT, "web");
        reported.countDown();
        awaitQuietly(commit);
      }));
      Assertions.assertThat(reported.await(30, TimeUnit.SECONDS)).isTrue();
      Future<?> work = threads.submit(concurrently);
      await().atMost(Duration.ofSeconds(30)).until(() -> work.isDone() || jdbc.queryForObject("select count(*) "
          + "from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()", Integer.class)
          > 0);
      commit.countDown();
      report.get(30, TimeUnit.SECONDS);
      work.get(30, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      Assertions.assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private ProcessInstance nurtureOf(UUID leadId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(LeadNurture.PROCESS_KEY)
        .processInstanceBusinessKey(leadId.toString()).singleResult();
  }

  private void engage(UUID leadId, ActivityType type) {
    Lead lead = leads.findById(leadId).orElseThrow();
    activities.save(new LeadActivity(UUID.randomUUID(), lead, type, LifecycleDriver.now(), "web"));
    runtime.createMessageCorrelation(LeadNurture.MESSAGE_NURTURED_LEAD_ENGAGED)
        .processInstanceBusinessKey(leadId.toString()).correlate();
    driver.runDueJobs();
  }

  private Object variable(ProcessInstance instance, String name) {
    return runtime.getVariable(instance.getId(), name);
  }

  /** A variable of an ended process instance, from its history. */
  private Object history(ProcessInstance instance, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(name).singleResult().getValue();
  }
}
