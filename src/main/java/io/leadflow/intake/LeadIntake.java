package io.leadflow.intake;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadFields;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.ProposedChange;
import io.leadflow.lead.ProposedChangeRepository;
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
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Captures a response: one person is one lead, found by email address or, without one, by phone number and company.
 * A new person becomes a lead whose lifecycle starts; a known one gets the response logged on their lead (what a
 * trusted user captured is applied to the lead; what the landing page, an API key or a list sent only fills its
 * blanks, and what differs is offered as a proposed change, see {@link CaptureSource#trusted()}), and:
 * <ul>
 *   <li>with a lifecycle running, the lifecycle gets it (message {@value LeadLifecycle#MESSAGE_INQUIRY_RECEIVED}):
 *   acknowledged and re-scored; in nurture (or dormant in its re-engagement series), the nurture gets it
 *   ({@value LeadNurture#MESSAGE_NURTURED_LEAD_ENGAGED}) and may find the lead ready;</li>
 *   <li>after a closed lifecycle (won, disqualified, dormant, unsubscribed), when a recycled lead responds, or a
 *   dormant one, a new buying cycle starts, and the lead's detail package shows how the previous one ended.</li>
 * </ul>
 * A marketing consent ticked by a person who unsubscribed before is not given back until they confirm it from their
 * mailbox: the response waits with {@value #CONSENT_PENDING}, and its acknowledgement step mails the link
 * ({@link Resubscriptions}).
 * <p>
 * The lead, its response and the process start or message commit together. Two simultaneous first responses of the
 * same person cannot both create a lead: the database's unique constraint lets one insert and makes the other merge.
 */
@Service
public class LeadIntake {

  private static final EnumSet<Stage> RECYCLED_FROM = EnumSet.of(Stage.MQL, Stage.SAL, Stage.SQL, Stage.LOST,
      Stage.ON_HOLD);
  static final String CONSENT_PENDING = "PENDING";
  /** One confirmation mail a day, however often the box is ticked. */
  private static final Duration CONFIRMATION_RESENT_AFTER = Duration.ofDays(1);

  private final LeadRepository leads;
  private final EntityManager entities;
  private final StageChangeRepository history;
  private final RuntimeService runtime;
  private final JdbcTemplate jdbc;
  private final LeadDataRules rules;
  private final RetryingTransactions transactions;
  private final EngineAsSystem asSystem;
  private final ProposedChangeRepository proposedChanges;

  LeadIntake(LeadRepository leads, EntityManager entities, StageChangeRepository history,
      RuntimeService runtime, JdbcTemplate jdbc, LeadDataRules rules, RetryingTransactions transactions,
      EngineAsSystem asSystem, ProposedChangeRepository proposedChanges) {
    this.leads = leads;
    this.entities = entities;
    this.history = history;
    this.runtime = runtime;
    this.jdbc = jdbc;
    this.rules = rules;
    this.transactions = transactions;
    this.asSystem = asSystem;
    this.proposedChanges = proposedChanges;
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
    UUID leadId = find(input, source.trusted()).orElse(null);
    boolean created = false;
    if (leadId == null) {
      UUID id = UUID.randomUUID();
      created = jdbc.update("insert into leadflow.lead (id, email, phone, company, created_at, updated_at) "
          + "values (?, ?, ?, ?, ?, ?) on conflict do nothing", id, input.email(), input.phone(), input.company(),
          Timestamp.from(now), Timestamp.from(now)) == 1;
      leadId = created ? id : find(input, source.trusted()).orElseThrow(() -> new ConcurrencyFailureException(
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
    Map<String, String> typed = typed(input);
    Map<String, String> differing = created || source.trusted() ? Map.of() : differing(lead, typed);
    if (!created && source.trusted() && !typed.isEmpty()) {
      proposedChanges.settle(lead.getId(), typed.keySet(), source.capturedBy(), now);
    }
    describe(lead, input, created, created || source.trusted());
    String consent = consent(lead, input, source, now);
    UUID inquiryId = record(lead, input, source, created ? "CREATED" : newCycle ? "NEW_CYCLE" : "MERGED", consent,
        now);
    differing.forEach((field, value) -> entities.persist(new ProposedChange(lead.getId(), inquiryId, field, value, now,
        source.capturedBy())));
    process.run();
    return new Captured(lead.getId(), inquiryId, created ? Captured.Result.CREATED : Captured.Result.MERGED,
        newCycle, lead.getCycle());
  }

  /**
   * The person's lead: by email; without an email, by phone number and company. Only a trusted source joins an email
   * address to a caller known by phone and company: anyone else could tie their own address to that person.
   */
  private Optional<UUID> find(NewLead lead, boolean trusted) {
    if (lead.email() != null) {
      // by JDBC: the lead is loaded only once it is locked, so that it is never a stale copy
      Optional<UUID> byEmail = jdbc.queryForList("select id from leadflow.lead where email = ?", UUID.class,
          lead.email()).stream().findFirst();
      if (byEmail.isPresent() || !trusted || lead.phone() == null || lead.company() == null) {
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
   * From a trusted source (or for a new lead) what the person said now wins over what they said before; from any
   * other source it only fills what the lead does not have yet. What they asked for now (asset, interest) is the
   * latest request; where they first came from stays (first-touch attribution; every response keeps its own channel
   * and campaign).
   */
  private static void describe(Lead lead, NewLead input, boolean created, boolean overwrite) {
    Merge merge = new Merge(overwrite);
    if (lead.getEmail() == null && input.email() != null) {
      lead.changeEmail(input.email());
    }
    lead.describeContact(merge.of(input.firstName(), lead.getFirstName()),
        merge.of(input.lastName(), lead.getLastName()), merge.of(input.jobTitle(), lead.getJobTitle()),
        merge.of(input.phone(), lead.getPhone()), merge.of(input.country(), lead.getCountry()));
    String domain = FreeMailDomains.domainOf(lead.getEmail());
    lead.describeCompany(merge.of(input.company(), lead.getCompany()),
        FreeMailDomains.contains(domain) ? lead.getCompanyDomain() : merge.of(domain, lead.getCompanyDomain()),
        merge.of(name(input.industry()), lead.getIndustry()), merge.of(input.companySize(), lead.getCompanySize()));
    lead.attribute(created ? input.sourceChannel() : lead.getSourceChannel(),
        created ? input.campaign() : lead.getCampaign(), newer(input.asset(), lead.getAsset()),
        newer(input.interest(), lead.getInterest()));
    lead.qualify(merge.of(name(input.jobLevel()), lead.getJobLevel()),
        merge.of(name(input.persona()), lead.getPersona()), merge.of(name(input.budget()), lead.getBudget()),
        merge.of(name(input.authority()), lead.getAuthority()), merge.of(name(input.need()), lead.getNeed()),
        merge.of(name(input.timeframe()), lead.getTimeframe()));
  }

  /**
   * A ticked consent is given, unless the person unsubscribed before: then it waits for their confirmation by mail,
   * which a list row (the person asked for nothing) never gets. An unticked box on a later form does not take back a
   * consent given before.
   *
   * @return the inquiry's consent confirmation: {@value #CONSENT_PENDING} when a confirmation is to be mailed
   */
  private String consent(Lead lead, NewLead input, CaptureSource source, Instant now) {
    if (!Boolean.TRUE.equals(input.marketingConsent())) {
      return null;
    }
    if (lead.getUnsubscribedAt() == null) {
      lead.giveConsent(consentWhere(input, source), now);
      return null;
    }
    if (source.importId() != null || lead.getEmail() == null) {
      return null;
    }
    boolean mailedLately = jdbc.queryForObject("select exists (select 1 from leadflow.inquiry where lead_id = ? "
            + "and consent_confirmation = ? and received_at > ?)", Boolean.class, lead.getId(), CONSENT_PENDING,
        Timestamp.from(now.minus(CONFIRMATION_RESENT_AFTER)));
    return mailedLately ? null : CONSENT_PENDING;
  }

  private static String consentWhere(NewLead input, CaptureSource source) {
    return source.consentWhere() != null ? source.consentWhere()
        : input.sourceChannel() + (input.campaign() == null ? "" : " (" + input.campaign() + ")");
  }

  /** What was sent for each of the lead's fields, as text, by the field's name in the capture API. */
  private static Map<String, String> typed(NewLead input) {
    Map<String, String> typed = new LinkedHashMap<>();
    BiConsumer<String, Object> put = (field, value) -> {
      if (value != null) {
        typed.put(field, value instanceof Enum<?> choice ? choice.name() : value.toString());
      }
    };
    put.accept("firstName", input.firstName());
    put.accept("lastName", input.lastName());
    put.accept("jobTitle", input.jobTitle());
    put.accept("phone", input.phone());
    put.accept("country", input.country());
    put.accept("company", input.company());
    put.accept("industry", input.industry());
    put.accept("companySize", input.companySize());
    put.accept("jobLevel", input.jobLevel());
    put.accept("persona", input.persona());
    put.accept("budget", input.budget());
    put.accept("authority", input.authority());
    put.accept("need", input.need());
    put.accept("timeframe", input.timeframe());
    return typed;
  }

  /** The sent values that differ from what the lead holds; a blank of the lead is filled, not proposed. */
  private static Map<String, String> differing(Lead lead, Map<String, String> typed) {
    Map<String, String> differing = new LinkedHashMap<>();
    typed.forEach((field, value) -> {
      String current = LeadFields.value(lead, field);
      if (current != null && !current.equals(value)) {
        differing.put(field, value);
      }
    });
    return differing;
  }

  /** Applies a sent value over the lead's, or only where the lead has none. */
  private record Merge(boolean overwrite) {

    <T> T of(T given, T known) {
      return overwrite ? newer(given, known) : known != null ? known : given;
    }
  }

  private UUID record(Lead lead, NewLead input, CaptureSource source, String outcome, String consentConfirmation,
      Instant now) {
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
    // a consent waiting for its confirmation keeps where it was asked for, to be given from there once confirmed
    String consentSource = CONSENT_PENDING.equals(consentConfirmation)
        ? Lead.consentSource(consentWhere(input, source))
        : Boolean.TRUE.equals(input.marketingConsent()) && lead.getUnsubscribedAt() == null
            ? lead.getConsentSource() : null;
    jdbc.update("insert into leadflow.inquiry (id, lead_id, received_at, channel, campaign, asset, interest, "
            + "request_type, marketing_consent, consent_source, captured_by, outcome, cycle, import_id, import_line, "
            + "source_key, acknowledged_at, consent_confirmation) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        inquiryId, lead.getId(), Timestamp.from(now), input.sourceChannel(), input.campaign(), input.asset(),
        input.interest(), request.name(), input.marketingConsent(), consentSource, source.capturedBy(), outcome,
        lead.getCycle(), source.importId(), source.importLine(), source.sourceKey(),
        // nothing to send: a list row asked for nothing, and a caller without email cannot get mail
        request.isAcknowledged() && lead.getEmail() != null ? null : Timestamp.from(now), consentConfirmation);
    if (input.followUpOn() != null) {
      jdbc.update("insert into leadflow.nurture_follow_up (id, lead_id, due_on, reason, inquiry_id, created_at) "
              + "values (?, ?, ?, ?, ?, ?)", UUID.randomUUID(), lead.getId(), Date.valueOf(input.followUpOn()),
          input.followUpReason().name(), inquiryId, Timestamp.from(now));
    }
    return inquiryId;
  }

  /**
   * Leadflow starts the lifecycle, not the capturing user, who may capture but start no process in the engine; the
   * lead's history still says who captured it.
   */
  private void startLifecycle(String leadId) {
    asSystem.runOnBehalfOfUser(() -> runtime.createMessageCorrelation(LeadLifecycle.MESSAGE_LEAD_RECEIVED)
        .processInstanceBusinessKey(leadId)
        .setVariable(LeadLifecycle.Variables.LEAD_ID, leadId)
        .correlateStartMessage());
  }

  private static <T> T newer(T given, T known) {
    return given != null ? given : known;
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
