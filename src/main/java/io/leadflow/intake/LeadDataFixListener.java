package io.leadflow.intake;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.CurrentUser;
import io.leadflow.lifecycle.LeadReference;
import io.leadflow.lifecycle.LeadTaskColumns;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Fix lead data", on complete: stores what marketing ops corrected (variables "corrected..."), validated like a new
 * lead; a field not sent keeps the lead's value. Invalid data keeps the task open with a message naming the fields.
 * The form opens with the lead's contact data as it is then (tasklist.LeadFormValues).
 */
@Component("leadDataFix")
public class LeadDataFixListener implements TaskListener {

  /** Form field (process variable) → the lead's field it corrects, in the form's order. */
  public static final Map<String, Function<Lead, String>> FIELDS;

  static {
    Map<String, Function<Lead, String>> fields = new LinkedHashMap<>();
    fields.put("email", Lead::getEmail);
    fields.put("firstName", Lead::getFirstName);
    fields.put("lastName", Lead::getLastName);
    fields.put("company", Lead::getCompany);
    fields.put("jobTitle", Lead::getJobTitle);
    fields.put("phone", Lead::getPhone);
    fields.put("country", Lead::getCountry);
    FIELDS = Collections.unmodifiableMap(fields);
  }

  private final LeadRepository leads;
  private final LeadCorrection correction;
  private final LeadTaskColumns columns;

  LeadDataFixListener(LeadRepository leads, LeadCorrection correction, LeadTaskColumns columns) {
    this.leads = leads;
    this.correction = correction;
    this.columns = columns;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      // process versions deployed before the form loaded the lead's data call this on create too: nothing to do
      return;
    }
    UUID leadId = LeadReference.of(task);
    Lead lead = leads.findById(leadId).orElseThrow();
    Map<String, Object> values = new HashMap<>();
    FIELDS.forEach((field, current) -> {
      Object corrected = task.getVariable(variable(field));
      values.put(field, corrected != null ? corrected : current.apply(lead));
    });
    try {
      correction.correct(leadId, values, CurrentUser.of(task));
    } catch (IllegalArgumentException refused) {
      // the user's to correct: a 400 under the form in Tasklist, the task stays open
      throw new BadUserRequestException(refused.getMessage(), refused);
    }
    FIELDS.keySet().forEach(field -> task.getExecution().removeVariable(variable(field)));
    columns.refresh(leadId);
  }

  /** The form's key for a field, e.g. correctedEmail. */
  public static String variable(String field) {
    return "corrected" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
  }
}
