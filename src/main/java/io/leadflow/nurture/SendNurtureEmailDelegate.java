package io.leadflow.nurture;

import static io.leadflow.nurture.LeadNurture.Variables.*;

import io.leadflow.fulfilment.ContentCatalogue;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.LeadReference;
import io.leadflow.system.SideEffects;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Send nurture email": the drip step the table chose, with its template, content and topic. A lead that withdrew
 * consent since the step was planned gets nothing, and the series moves on all the same.
 */
@Component("sendNurtureEmail")
class SendNurtureEmailDelegate implements JavaDelegate {

  private final LeadRepository leads;
  private final ContentCatalogue catalogue;
  private final NurtureMails mails;

  SendNurtureEmailDelegate(LeadRepository leads, ContentCatalogue catalogue, NurtureMails mails) {
    this.leads = leads;
    this.catalogue = catalogue;
    this.mails = mails;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Lead lead = leads.findById(LeadReference.of(execution)).orElseThrow();
    int step = (Integer) execution.getVariable(NEXT_DRIP_STEP);
    if (NurtureMails.mayReceive(lead)) {
      String asset = (String) execution.getVariable(DRIP_ASSET);
      ContentCatalogue.Content content = catalogue.forAsset(asset);
      Map<String, Object> model = new HashMap<>();
      model.put("firstName", lead.getFirstName());
      model.put("topic", execution.getVariable(DRIP_TOPIC));
      model.put("contentTitle", content.title());
      model.put("contentUrl", content.url());
      mails.send(SideEffects.key(execution, "drip-step-" + step), lead, (String) execution.getVariable(DRIP_TEMPLATE),
          model, "Nurture step " + step + ": " + content.title(), asset, content.url());
    }
    execution.setVariable(DRIP_STEP, step);
    execution.setVariable(LAST_DRIP_AT, ClockUtil.now());
  }
}
