package io.leadflow.lifecycle;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.system.EngineAsSystem;
import io.leadflow.system.TransactionScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What Tasklist's filters show of a lead in each row: its company, score and stage, as variables of the task itself.
 * The engine lets a rep read the variables of the tasks they may see, not those of the process (which reps may not
 * read), so the columns are the task's own copies, set when the task is created and brought up to date whenever the
 * lead is scored again, changes stage or has its data fixed while the task is open.
 */
@Service
public class LeadTaskColumns {

  private final LeadRepository leads;
  private final TaskService tasks;
  private final EngineAsSystem system;
  /** The leads whose tasks' columns are brought up to date when the transaction commits. */
  private final TransactionScoped<UUID, Boolean> pending = new TransactionScoped<>();

  LeadTaskColumns(LeadRepository leads, TaskService tasks, EngineAsSystem system) {
    this.leads = leads;
    this.tasks = tasks;
    this.system = system;
  }

  /** Puts the columns on a task being created. */
  public void show(DelegateTask task, Lead lead) {
    task.setVariablesLocal(columns(lead));
  }

  /**
   * Brings the columns of the lead's open tasks, in any of its processes, up to date: also those of other people's
   * work than the user's whose step changed the lead (a rep's acceptance moves the stage on marketing ops' printed
   * kit). Done once per transaction, just before it commits: a task created earlier in the same step (the printed
   * kit's, ordered just before the lead was qualified) is in the database only then, where the engine's query finds
   * it.
   */
  public void refresh(UUID leadId) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      refreshNow(leadId);
      return;
    }
    pending.get(leadId, lead -> {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void beforeCommit(boolean readOnly) {
          refreshNow(lead);
        }
      });
      return Boolean.TRUE;
    });
  }

  private void refreshNow(UUID leadId) {
    Map<String, Object> columns = columns(lead(leadId));
    system.run(() -> {
      for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(leadId.toString()).list()) {
        tasks.setVariablesLocal(task.getId(), columns);
      }
    });
  }

  private Lead lead(UUID leadId) {
    return leads.findById(leadId).orElseThrow(() -> new IllegalStateException("Lead " + leadId + " does not exist"));
  }

  private static Map<String, Object> columns(Lead lead) {
    Map<String, Object> columns = new HashMap<>();
    columns.put(LeadLifecycle.Variables.COMPANY, lead.getCompany());
    columns.put(LeadLifecycle.Variables.SCORE, lead.getScore());
    columns.put(LeadLifecycle.Variables.STAGE, lead.getStage() == null ? null : lead.getStage().name());
    return columns;
  }
}
