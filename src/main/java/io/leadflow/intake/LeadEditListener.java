package io.leadflow.intake;

import io.leadflow.lifecycle.CurrentUser;
import io.leadflow.lifecycle.LeadLifecycle.Variables;
import io.leadflow.lifecycle.LeadReference;
import io.leadflow.system.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The follow-up form's corrections of the lead's data: on completion, the fields the rep filled in go to the lead
 * through {@link LeadEdits}, as corrections on the lead page do (recorded, re-scored). A field left empty stays as it
 * is. Invalid data keeps the task open with a message naming the fields.
 */
@Component("leadEdit")
class LeadEditListener implements TaskListener {

  /** Form field (process variable) → the lead's field it corrects. */
  static final Map<String, String> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put(Variables.NEW_EMAIL, "email");
    FIELDS.put(Variables.NEW_FIRST_NAME, "firstName");
    FIELDS.put(Variables.NEW_LAST_NAME, "lastName");
    FIELDS.put(Variables.NEW_COMPANY, "company");
    FIELDS.put(Variables.NEW_JOB_TITLE, "jobTitle");
    FIELDS.put(Variables.NEW_PHONE, "phone");
    FIELDS.put(Variables.NEW_BUDGET, "budget");
    FIELDS.put(Variables.NEW_AUTHORITY, "authority");
    FIELDS.put(Variables.NEW_NEED, "need");
    FIELDS.put(Variables.NEW_TIMEFRAME, "timeframe");
  }

  private final LeadEdits edits;

  LeadEditListener(LeadEdits edits) {
    this.edits = edits;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, String> values = new LinkedHashMap<>();
    FIELDS.forEach((variable, field) -> {
      Object value = task.getVariable(variable);
      if (value != null && !value.toString().isBlank()) {
        values.put(field, value.toString());
      }
    });
    if (!values.isEmpty()) {
      try {
        edits.edit(LeadReference.of(task), values, CurrentUser.of(task));
      } catch (InvalidRequestException invalid) {
        // Tasklist shows the message of a refused completion: it names each field as the form's labels do
        throw new IllegalArgumentException("Please correct: " + invalid.errors().stream()
            .map(problem -> problem.field() + " " + problem.detail()).collect(Collectors.joining("; ")));
      }
    }
    FIELDS.keySet().forEach(variable -> task.getExecution().removeVariable(variable));
  }
}
