package io.leadflow.intake;

import io.leadflow.lead.ActivityType;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadActivity;
import io.leadflow.lead.LeadActivityRepository;
import io.leadflow.lead.LeadChange;
import io.leadflow.lead.LeadChangeRepository;
import io.leadflow.lead.LeadDetailsChanged;
import io.leadflow.lead.LeadRepository;
import io.leadflow.scoring.FreeMailDomains;
import io.leadflow.system.InvalidRequestException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies corrected contact data to a lead ("Fix lead data"), with the same rules as capturing a new lead; each
 * changed field is recorded with its old and new value, as the lead page's corrections are.
 */
@Service
public class LeadCorrection {

  private final LeadRepository leads;
  private final LeadActivityRepository activities;
  private final LeadChangeRepository changes;
  private final LeadDataRules rules;
  private final ApplicationEventPublisher events;

  LeadCorrection(LeadRepository leads, LeadActivityRepository activities, LeadChangeRepository changes,
      LeadDataRules rules, ApplicationEventPublisher events) {
    this.leads = leads;
    this.activities = activities;
    this.changes = changes;
    this.rules = rules;
    this.events = events;
  }

  /** @throws IllegalArgumentException naming every invalid field */
  @Transactional
  public void correct(UUID leadId, Map<String, Object> values, String by) {
    Lead lead = leads.findById(leadId).orElseThrow();
    NewLead corrected;
    try {
      corrected = rules.cleanCorrection(NewLead.of(text(values, "email"), text(values, "firstName"),
          text(values, "lastName"), text(values, "company"), text(values, "jobTitle"), text(values, "phone"),
          text(values, "country"), lead.getSourceChannel(), lead.getCampaign()));
    } catch (InvalidRequestException invalid) {
      // Tasklist shows the message of a refused completion: it names each field as the form does
      throw new IllegalArgumentException("Please correct: " + invalid.errors().stream()
          .map(problem -> problem.field() + " " + problem.detail()).collect(Collectors.joining("; ")));
    }
    String email = corrected.email();
    if (!email.equals(lead.getEmail()) && leads.findByEmail(email).isPresent()) {
      throw new IllegalArgumentException("Please correct: email " + email + " belongs to another lead");
    }
    Instant at = ClockUtil.now().toInstant();
    record(lead, "email", lead.getEmail(), email, by, at);
    record(lead, "firstName", lead.getFirstName(), corrected.firstName(), by, at);
    record(lead, "lastName", lead.getLastName(), corrected.lastName(), by, at);
    record(lead, "company", lead.getCompany(), corrected.company(), by, at);
    record(lead, "jobTitle", lead.getJobTitle(), corrected.jobTitle(), by, at);
    record(lead, "phone", lead.getPhone(), corrected.phone(), by, at);
    record(lead, "country", lead.getCountry(), corrected.country(), by, at);
    lead.changeEmail(email);
    lead.describeContact(corrected.firstName(), corrected.lastName(), corrected.jobTitle(), corrected.phone(),
        corrected.country());
    String domain = FreeMailDomains.domainOf(email);
    lead.describeCompany(corrected.company(), FreeMailDomains.contains(domain) ? null : domain, lead.getIndustry(),
        lead.getCompanySize());
    activities.save(new LeadActivity(UUID.randomUUID(), lead, ActivityType.NOTE, at, by)
        .about("Lead data corrected", null, null));
    events.publishEvent(new LeadDetailsChanged(leadId));
  }

  private void record(Lead lead, String field, String before, String after, String by, Instant at) {
    if (!Objects.equals(before, after)) {
      changes.save(new LeadChange(lead.getId(), field, before, after, by, at));
    }
  }

  private static String text(Map<String, Object> values, String key) {
    Object value = values.get(key);
    return value == null ? null : value.toString();
  }
}
