package io.leadflow.nurture;

import static io.leadflow.nurture.LeadNurture.Variables.*;

import io.leadflow.fulfilment.ContentCatalogue;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.LeadReference;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * "Send dated follow-up": the lead told us when to come back (a budget cycle, a contract renewal); the mail names that
 * occasion and brings the latest material. The follow-up is marked sent with the step, and the lead's quiet period
 * starts again: we owed them this contact.
 */
@Component("sendDatedFollowUp")
class SendDatedFollowUpDelegate implements JavaDelegate {

  static final String TEMPLATE = "nurture/dated-follow-up";

  private final LeadRepository leads;
  private final ContentCatalogue catalogue;
  private final NurtureMails mails;
  private final JdbcTemplate jdbc;

  SendDatedFollowUpDelegate(LeadRepository leads, ContentCatalogue catalogue, NurtureMails mails, JdbcTemplate jdbc) {
    this.leads = leads;
    this.catalogue = catalogue;
    this.mails = mails;
    this.jdbc = jdbc;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Lead lead = leads.findById(LeadReference.of(execution)).orElseThrow();
    UUID followUpId = UUID.fromString((String) execution.getVariable(FOLLOW_UP_ID));
    List<String> pending = jdbc.queryForList("select reason from leadflow.nurture_follow_up "
        + "where id = ? and sent_at is null for update", String.class, followUpId);
    if (!pending.isEmpty() && NurtureMails.mayReceive(lead)) {
      ContentCatalogue.Content content = catalogue.forAsset(null);
      String occasion = FollowUpReason.valueOf(pending.get(0)).wording();
      Map<String, Object> model = new HashMap<>();
      model.put("firstName", lead.getFirstName());
      model.put("topic", lead.getInterest() != null ? lead.getInterest() : "lead management");
      model.put("occasion", occasion);
      model.put("contentTitle", content.title());
      model.put("contentUrl", content.url());
      // keyed by the follow-up: it is sent once, whichever nurture gets to it
      mails.send(TEMPLATE + "/" + followUpId, lead, TEMPLATE, model,
          "Follow-up for " + occasion, null, content.url());
    }
    jdbc.update("update leadflow.nurture_follow_up set sent_at = ? where id = ? and sent_at is null",
        Timestamp.from(ClockUtil.now().toInstant()), followUpId);
    execution.setVariable(QUIET_SINCE, ClockUtil.now());
  }
}
