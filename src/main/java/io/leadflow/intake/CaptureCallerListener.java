package io.leadflow.intake;

import io.leadflow.lifecycle.CurrentUser;
import io.leadflow.lifecycle.LogInquiry;
import io.leadflow.system.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The start event of the {@value #PROCESS_KEY} process: the start form marketing ops fill in during or after
 * a call becomes a capture of the channel {@value #CHANNEL}, with the same rules as the API. It runs when the form is
 * submitted, in its transaction, so a caller's details that break a rule are refused in Tasklist, naming each field, and nothing
 * is stored.
 */
@Component("captureCaller")
class CaptureCallerListener implements ExecutionListener {

  static final String PROCESS_KEY = LogInquiry.PROCESS_KEY;
  static final String CHANNEL = "inbound-call";
  /** The start form's fields: the capture API's names. */
  static final List<String> FIELDS = List.of("firstName", "lastName", "company", "jobTitle", "phone", "email",
      "country", "requestType", "interest", "campaign", "industry", "companySize", "jobLevel", "budget", "timeframe",
      "marketingConsent", "note");
  /** Set on the process instance: the lead the call was captured on. */
  static final String LEAD_ID = "leadId";

  private final LeadIntake intake;
  private final LeadDataRules rules;
  private final FormFields forms;

  CaptureCallerListener(LeadIntake intake, LeadDataRules rules, FormFields forms) {
    this.intake = intake;
    this.rules = rules;
    this.forms = forms;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String field : FIELDS) {
      Object value = execution.getVariable(field);
      if (value instanceof Number number) {
        fields.put(field, String.valueOf(number.longValue()));
      } else if (value != null) {
        fields.put(field, value.toString());
      }
    }
    fields.put("sourceChannel", CHANNEL);
    try {
      NewLead lead = rules.clean(forms.lead(fields));
      Captured captured = intake.capture(lead, CaptureSource.by(CurrentUser.of(execution)).where("phone call"));
      execution.setVariable(LEAD_ID, captured.id().toString());
      // the business key is the lead's id, as in every process about a lead: an erasure finds this call's form data
      execution.setProcessBusinessKey(captured.id().toString());
    } catch (InvalidRequestException invalid) {
      // Tasklist shows this message under the form; a 400 in the engine REST API
      throw new BadUserRequestException("Please correct: " + invalid.errors().stream()
          .map(problem -> problem.field() + " " + problem.detail()).collect(Collectors.joining("; ")));
    }
  }
}
