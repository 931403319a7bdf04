package io.leadflow.intake;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.Stage;
import io.leadflow.lead.StageChange;
import io.leadflow.lead.StageChangeRepository;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.nurture.LeadNurture;
import io.leadflow.scoring.FreeMailDomains;
import io.leadflow.system.EngineAsSystem;
import io.leadflow.system.RetryingTransactions;
import jakarta.persistence.EntityManager;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Captures a response: one person is one lead, found by email address or, without one, by phone number and company.
 * A new person becomes a lead whose lifecycle starts; a known one gets the response logged on their lead, and:
 * <ul>
 *   <li>with a lifecycle running, the lifecycle gets it (message {@value LeadLifecycle#MESSAGE_INQUIRY_RECEIVED}):
 *   acknowledged and re-scored; in nurture (or dormant in its re-engagement series), the nurture gets it
 *   ({@value LeadNurture#MESSAGE_NURTURED_LEAD_ENGAGED}) and may find the lead ready;</li>
 *   <li>after a closed lifecycle (won, disqualified, dormant, unsubscribed), when a recycled lead responds, or a
 *   dormant one, a new buying cycle starts, and the lead's detail package shows how the previous one ended.</li>
 * </ul>
 * The lead, its response and the process start or message commit together. Two simultaneous first responses of the
 * same person cannot both create a lead: the database's unique constraint lets one insert and makes the other merge.
 */
@Service
public class LeadIntake {

  private static final EnumSet<Stage> RECYCLED_FROM = EnumSet.of(Stage.MQL, Stage.SAL, Stage.SQL, Stage.LOST,
      Stage.ON_HOLD);

  private final LeadRepository leads;
  private final EntityManager entities;
  private final StageChangeRepository history;
  private final RuntimeService runtime;
  private final JdbcTemplate jdbc;
  private final LeadDataRules rules;
  private final RetryingTransactions transactions;
  private final EngineAsSystem asSystem;

  LeadIntake(LeadRepository leads, EntityManager entities, StageChangeRepository history,
      RuntimeService runtime, JdbcTemplate jdbc, LeadDataRules rules, RetryingTransactions transactions,
      EngineAsSystem asSystem) {
    this.leads = leads;
    this.entities = entities;
    this.history = history;
    this.runtime = runtime;
    this.jdbc = jdbc;
    this.rules = rules;
    this.transactions = transactions;
    this.asSystem = asSystem;
  }

  /**
   * Checks, normalises and captures a lead, e.g. from a test or a trusted program.
   *
   * @throws io.leadflow.system.InvalidRequestException naming every bad field
   */
  public UUID capture(NewLead input, String capturedBy) {
    return capture(rules.clean(input), CaptureSource.by(capturedBy)).id();
  }

  /** Captures a lead that {@link LeadDataRules#clean} has checked and normalised. */
  public Captured capture(NewLead lead, CaptureSource source) {
    return transactions.execute(() -> captureOnce(lead, source));
  }

  private Captured captureOnce(NewLead input, CaptureSource source) {
    Instant now = ClockUtil.now().toInstant();
    if (source.sourceKey() != null) {
      List<UUID> known = jdbc.queryForList("select lead_id from leadflow.inquiry where source_key = ?", UUID.class,
          source.sourceKey());
      if (!known.isEmpty()) {
        Lead lead = leads.findById(known.get(0)).orElseThrow();
        return new Captured(lead.getId(), null, Captured.Result.UNCHANGED, false, lead.getCycle());
      }
    }
    UUID leadId = find(input).orElse(null);
    boolean created = false;
    if (leadId == null) {
      UUID id = UUID.randomUUID();
      created = jdbc.update("insert into leadflow.lead (id, email, phone, company, created_at, updated_at) "
          + "values (?, ?, ?, ?, ?, ?) on conflict do nothing", id, input.email(), input.phone(), input.company(),
          Timestamp.from(now), Timestamp.from(now)) == 1;
      leadId = created ? id : find(input).orElseThrow(() -> new ConcurrencyFailureException(
          "The person was captured concurrently and not found yet; trying again"));
    }
    // responses of one person are captured one after the other
    Lead lead = (created ? leads.findById(leadId) : leads.findAndLock(leadId)).orElseThrow();
    String key = lead.getId().toString();
    boolean newCycle = false;
    Runnable process;
    if (created) {
      process = () -> startLifecycle(key);
    } else if (asSystem.call(() -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(LeadLifecycle.PROCESS_KEY).processInstanceBusinessKey(key).count()) == 0) {
      newCycle = true;
      process = () -> startLifecycle(key);
    } else if (lead.getStage() == Stage.NURTURE || lead.getStage() == Stage.DORMANT) {
      // a dormant lead waits in its nurture's re-engagement series; its response starts a new buying cycle
      newCycle = lead.getStage() == Stage.DORMANT || recycled(lead);
      process = () -> asSystem.run(() -> runtime.createMessageCorrelation(
          LeadNurture.MESSAGE_NURTURED_LEAD_ENGAGED).processInstanceBusinessKey(key).correlateAll());
    } else {
      process = () -> asSystem.run(() -> runtime.createMessageCorrelation(
          LeadLifecycle.MESSAGE_INQUIRY_RECEIVED).processInstanceBusinessKey(key).correlateAll());
    }
    if (newCycle) {
      lead.startNewCycle(now);
    }
    describe(lead, input, created, source, now);
    UUID inquiryId = record(lead, input, source, created ? "CREATED" : newCycle ? "NEW_CYCLE" : "MERGED", now);
    process.run();
    return new Captured(lead.getId(), inquiryId, created ? Captured.Result.CREATED : Captured.Result.MERGED,
        newCycle, lead.getCycle());
  }

  /** The person's lead: by email; without an email, by phone number and company. */
  private Optional<UUID> find(NewLead lead) {
    if (lead.email() != null) {
      // by JDBC: the lead is loaded only once it is locked, so that it is never a stale copy
      Optional<UUID> byEmail = jdbc.queryForList("select id from leadflow.lead where email = ?", UUID.class,
          lead.email()).stream().findFirst();
      if (byEmail.isPresent() || lead.phone() == null || lead.company() == null) {
        return byEmail;
      }
      // a caller captured without an email address who now gives one
      return jdbc.queryForList("select id from leadflow.lead where email is null and phone = ? and company_key = "
          + "nullif(regexp_replace(lower(?), '[^[:alnum:]]+', '', 'g'), '')", UUID.class, lead.phone(), lead.company())
          .stream().findFirst();
    }
    return jdbc.queryForList("select id from leadflow.lead where phone = ? and company_key = "
        + "nullif(regexp_replace(lower(?), '[^[:alnum:]]+', '', 'g'), '') order by updated_at desc limit 1",
        UUID.class, lead.phone(), lead.company()).stream().findFirst();
  }

  /** A lead that was sent back to nurture from sales, or after a lost deal, starts over when it responds. */
  private boolean recycled(Lead lead) {
    List<StageChange> changes = history.findByLeadIdOrderByChangedAtAscIdAsc(lead.getId());
    return !changes.isEmpty() && RECYCLED_FROM.contains(changes.get(changes.size() - 1).getFromStage());
  }

  /**
   * What the person said now wins over what they said before; where they first came from stays (first-touch
   * attribution; every response keeps its own channel and campaign).
   */
  private static void describe(Lead lead, NewLead input, boolean created, CaptureSource source, Instant now) {
    if (lead.getEmail() == null && input.email() != null) {
      lead.changeEmail(input.email());
    }
    lead.describeContact(newer(input.firstName(), lead.getFirstName()), newer(input.lastName(), lead.getLastName()),
        newer(input.jobTitle(), lead.getJobTitle()), newer(input.phone(), lead.getPhone()),
        newer(input.country(), lead.getCountry()));
    String domain = FreeMailDomains.domainOf(lead.getEmail());
    lead.describeCompany(newer(input.company(), lead.getCompany()),
        FreeMailDomains.contains(domain) ? lead.getCompanyDomain() : newer(domain, lead.getCompanyDomain()),
        newer(name(input.industry()), lead.getIndustry()), newer(input.companySize(), lead.getCompanySize()));
    lead.attribute(created ? input.sourceChannel() : lead.getSourceChannel(),
        created ? input.campaign() : lead.getCampaign(), newer(input.asset(), lead.getAsset()),
        newer(input.interest(), lead.getInterest()));
    lead.qualify(newer(name(input.jobLevel()), lead.getJobLevel()), newer(name(input.persona()), lead.getPersona()),
        newer(name(input.budget()), lead.getBudget()), newer(name(input.authority()), lead.getAuthority()),
        newer(name(input.need()), lead.getNeed()), newer(name(input.timeframe()), lead.getTimeframe()));
    // an unticked box on a later form does not take back a consent given before
    if (Boolean.TRUE.equals(input.marketingConsent())) {
      lead.giveConsent(source.consentWhere() != null ? source.consentWhere()
          : input.sourceChannel() + (input.campaign() == null ? "" : " (" + input.campaign() + ")"), now);
    }
  }

  private UUID record(Lead lead, NewLead input, CaptureSource source, String outcome, Instant now) {
    RequestType request = input.requestType() == null ? RequestType.INQUIRY : input.requestType();
    UUID inquiryId = UUID.randomUUID();
    // persisted, not saved: both ids are new, and a save would first look each one up
    entities.persist(new LeadActivity(inquiryId, lead, ActivityType.INQUIRY, now, source.capturedBy())
        .from(input.sourceChannel(), input.campaign(), input.asset())
        .about(request.name(), null, input.note()));
    if (request.activity() != ActivityType.INQUIRY) {
      entities.persist(new LeadActivity(UUID.randomUUID(), lead, request.activity(), now, source.capturedBy())
          .from(input.sourceChannel(), input.campaign(), input.asset()));
    }
    jdbc.update("insert into leadflow.inquiry (id, lead_id, received_at, channel, campaign, asset, interest, "
            + "request_type, marketing_consent, consent_source, captured_by, outcome, cycle, import_id, import_line, "
            + "source_key, acknowledged_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        inquiryId, lead.getId(), Timestamp.from(now), input.sourceChannel(), input.campaign(), input.asset(),
        input.interest(), request.name(), input.marketingConsent(),
        Boolean.TRUE.equals(input.marketingConsent()) ? lead.getConsentSource() : null, source.capturedBy(), outcome,
        lead.getCycle(), source.importId(), source.importLine(), source.sourceKey(),
        // nothing to send: a list row asked for nothing, and a caller without email cannot get mail
        request.isAcknowledged() && lead.getEmail() != null ? null : Timestamp.from(now));
    if (input.followUpOn() != null) {
      jdbc.update("insert into leadflow.nurture_follow_up (id, lead_id, due_on, reason, inquiry_id, created_at) "
              + "values (?, ?, ?, ?, ?, ?)", UUID.randomUUID(), lead.getId(), Date.valueOf(input.followUpOn()),
          input.followUpReason().name(), inquiryId, Timestamp.from(now));
    }
    return inquiryId;
  }

  /** As the capturing user, so that the lead's history says who captured it; may they start it is checked. */
  private void startLifecycle(String leadId) {
    runtime.createMessageCorrelation(LeadLifecycle.MESSAGE_LEAD_RECEIVED)
        .processInstanceBusinessKey(leadId)
        .setVariable(LeadLifecycle.Variables.LEAD_ID, leadId)
        .correlateStartMessage();
  }

  private static <T> T newer(T given, T known) {
    return given != null ? given : known;
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
