package io.leadflow.intake;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadChange;
import io.leadflow.lead.LeadChangeRepository;
import io.leadflow.lead.LeadDataCorrected;
import io.leadflow.lead.LeadDetailsChanged;
import io.leadflow.lead.LeadRepository;
import io.leadflow.nurture.LeadEngagement;
import io.leadflow.scoring.FreeMailDomains;
import io.leadflow.system.InvalidRequestException;
import io.leadflow.system.RetryingTransactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Corrections of a lead's contact data and qualifying (BANT) answers by the people who work it, from the lead page
 * and the follow-up form, by the rules of capture ({@link LeadDataRules}). Every changed field is recorded with its old
 * and new value, who changed it and when; the lead's open tasks are named after it at once, the lead is re-scored in
 * its running process, and the CRM gets the corrected lead. All of it commits together or not at all, with the
 * caller's transaction if there is one (a task's completion).
 */
@Service
public class LeadEdits {

  /** The contact fields that can be corrected, by their API names. */
  public static final List<String> CONTACT_FIELDS = List.copyOf(LeadDataFixListener.FIELDS.keySet());
  /** The BANT answers that can be corrected, by their API names; their values are the enums' names. */
  public static final Map<String, List<String>> QUALIFICATION_FIELDS = Map.of(
      "budget", names(Budget.values()), "authority", names(Authority.values()), "need", names(Need.values()),
      "timeframe", names(Timeframe.values()));

  private static final Map<String, Function<Lead, String>> CURRENT = new LinkedHashMap<>();

  static {
    CURRENT.putAll(LeadDataFixListener.FIELDS);
    CURRENT.put("budget", Lead::getBudget);
    CURRENT.put("authority", Lead::getAuthority);
    CURRENT.put("need", Lead::getNeed);
    CURRENT.put("timeframe", Lead::getTimeframe);
  }

  /** One changed field. */
  public record Change(String field, String from, String to) {
  }

  /** What a correction changed, and which process re-scores the lead. */
  public record Edited(UUID leadId, List<Change> changes, LeadEngagement.Forwarded rescoredIn) {
  }

  private final LeadRepository leads;
  private final LeadChangeRepository changes;
  private final LeadDataRules rules;
  private final LeadEngagement engagement;
  private final ApplicationEventPublisher events;
  private final RetryingTransactions transactions;

  LeadEdits(LeadRepository leads, LeadChangeRepository changes, LeadDataRules rules, LeadEngagement engagement,
      ApplicationEventPublisher events, RetryingTransactions transactions) {
    this.leads = leads;
    this.changes = changes;
    this.rules = rules;
    this.engagement = engagement;
    this.events = events;
    this.transactions = transactions;
  }

  /** The names of every field that can be corrected. */
  public static List<String> fields() {
    return List.copyOf(CURRENT.keySet());
  }

  /**
   * Corrects the given fields; a null or blank value empties the field.
   *
   * @param values field name → new value; fields not named stay as they are
   * @throws NoSuchElementException when the lead does not exist
   * @throws IllegalStateException when the lead's data was erased
   * @throws InvalidRequestException naming every bad field, with nothing changed
   */
  public Edited edit(UUID leadId, Map<String, String> values, String by) {
    // a process step of the lead that runs meanwhile may collide with the re-score's message: then again
    return transactions.execute(() -> editOnce(leadId, values, by));
  }

  private Edited editOnce(UUID leadId, Map<String, String> values, String by) {
    InvalidRequestException invalid = new InvalidRequestException();
    values.keySet().stream().filter(field -> !CURRENT.containsKey(field)).sorted().forEach(field ->
        invalid.field(field, "is not a field that can be corrected; they are " + CURRENT.keySet()));
    Map<String, String> edits = new LinkedHashMap<>();
    values.forEach((field, value) -> edits.put(field, value == null || value.isBlank() ? null : value.strip()));
    QUALIFICATION_FIELDS.forEach((field, allowed) -> {
      String value = edits.get(field);
      if (value != null && !allowed.contains(value)) {
        invalid.field(field, "must be one of " + allowed);
      }
    });
    // one correction after the other, and none while a capture or a process step changes the lead
    Lead lead = leads.findAndLock(leadId).orElseThrow(() -> new NoSuchElementException("No lead with id " + leadId));
    if (lead.getErasedAt() != null) {
      throw new IllegalStateException("The lead's personal data was erased; there is nothing to correct");
    }
    List<String> contactEdits = CONTACT_FIELDS.stream().filter(edits::containsKey).toList();
    NewLead contact = null;
    try {
      contact = rules.cleanEdit(NewLead.of(edited(lead, edits, "email"), edited(lead, edits, "firstName"),
          edited(lead, edits, "lastName"), edited(lead, edits, "company"), edited(lead, edits, "jobTitle"),
          edited(lead, edits, "phone"), edited(lead, edits, "country"), lead.getSourceChannel(), lead.getCampaign()),
          Set.copyOf(contactEdits));
    } catch (InvalidRequestException bad) {
      bad.errors().forEach(problem -> invalid.field(problem.field(), problem.detail()));
    }
    if (contact != null && contact.email() != null && !contact.email().equals(lead.getEmail())
        && leads.findByEmail(contact.email()).isPresent()) {
      invalid.field("email", contact.email() + " belongs to another lead");
    }
    invalid.throwIfAny();
    Map<String, String> after = new HashMap<>();
    CURRENT.forEach((field, current) -> after.put(field, current.apply(lead)));
    after.put("email", contact.email());
    after.put("firstName", contact.firstName());
    after.put("lastName", contact.lastName());
    after.put("company", contact.company());
    after.put("jobTitle", contact.jobTitle());
    after.put("phone", contact.phone());
    after.put("country", contact.country());
    QUALIFICATION_FIELDS.keySet().stream().filter(edits::containsKey).forEach(field -> after.put(field,
        edits.get(field)));
    List<Change> changed = new ArrayList<>();
    CURRENT.forEach((field, current) -> {
      if (!Objects.equals(current.apply(lead), after.get(field))) {
        changed.add(new Change(field, current.apply(lead), after.get(field)));
      }
    });
    if (changed.isEmpty()) {
      return new Edited(leadId, List.of(), LeadEngagement.Forwarded.NONE);
    }
    apply(lead, after);
    Instant at = ClockUtil.now().toInstant();
    changed.forEach(change -> changes.save(new LeadChange(leadId, change.field(), change.from(), change.to(), by,
        at)));
    events.publishEvent(new LeadDataCorrected(lead, changed.stream().map(Change::field).toList()));
    events.publishEvent(new LeadDetailsChanged(leadId));
    return new Edited(leadId, List.copyOf(changed), engagement.rescore(lead));
  }

  private static void apply(Lead lead, Map<String, String> after) {
    String email = after.get("email");
    if (email != null && !email.equals(lead.getEmail())) {
      lead.changeEmail(email);
    }
    lead.describeContact(after.get("firstName"), after.get("lastName"), after.get("jobTitle"),
        after.get("phone"), after.get("country"));
    String domain = FreeMailDomains.domainOf(email);
    lead.describeCompany(after.get("company"), email == null || FreeMailDomains.contains(domain)
        ? lead.getCompanyDomain() : domain, lead.getIndustry(), lead.getCompanySize());
    lead.qualify(lead.getJobLevel(), lead.getPersona(), after.get("budget"), after.get("authority"),
        after.get("need"), after.get("timeframe"));
  }

  /** The field's value with the edit applied: the new one if edited, else the stored one. */
  private static String edited(Lead lead, Map<String, String> edits, String field) {
    return edits.containsKey(field) ? edits.get(field) : CURRENT.get(field).apply(lead);
  }


  private static List<String> names(Enum<?>[] values) {
    return Stream.of(values).map(Enum::name).toList();
  }
}
