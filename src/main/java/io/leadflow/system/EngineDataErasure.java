package io.leadflow.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Erases what the process engine keeps about one business key (for Leadflow: a lead's id) that may name a person,
 * in the engine's own tables, since Camunda offers no API to redact its history. It covers every process instance
 * with that business key and every instance they called (same root process instance):
 * <ul>
 *   <li>of the instances that have ended: every variable, variable update (history detail) and their byte arrays,
 *   the inputs and outputs of every decision they evaluated, comments and attachments;</li>
 *   <li>of all of them, runtime and history: the messages of incidents, failed jobs and external tasks (and their
 *   stack traces), task names and descriptions (back to the model's names), annotations, and names and descriptions
 *   in the user operation log.</li>
 * </ul>
 * What stays: the instances, their steps, tasks, incidents and decisions with their ids, times and people at work,
 * so Cockpit's figures stay right. Variables of an instance still running stay, as the instance needs them; Leadflow's
 * instances that outlive an erasure (the CRM update it starts) hold only the lead's id.
 *
 * <p>The statements run when the transaction that asked for them commits, after the engine has written everything
 * that transaction did (the end of the erased lead's processes included), so nothing is written after them.
 */
@Component
public class EngineDataErasure {

  /** What an erased message reads instead. */
  public static final String ERASED_MESSAGE = "Message erased with the personal data of the lead";

  private final JdbcTemplate jdbc;
  private final ObjectProvider<ProcessEngineConfigurationImpl> engine;

  EngineDataErasure(JdbcTemplate jdbc, ObjectProvider<ProcessEngineConfigurationImpl> engine) {
    this.jdbc = jdbc;
    this.engine = engine;
  }

  /** Erases the business key's data when the caller's transaction commits, in that transaction. */
  public void eraseAtCommit(String businessKey) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException("An erasure of engine data needs a transaction");
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void beforeCommit(boolean readOnly) {
        erase(businessKey);
      }
    });
  }

  void erase(String businessKey) {
    String t = engine.getObject().getDatabaseTablePrefix();
    List<String> roots = jdbc.queryForList("select distinct coalesce(root_proc_inst_id_, id_) from " + t
        + "act_hi_procinst where business_key_ = ?", String.class, businessKey);
    if (roots.isEmpty()) {
      return;
    }
    List<String> ended = jdbc.queryForList("select id_ from " + t + "act_hi_procinst where id_ in (" + marks(roots)
        + ") and end_time_ is not null", String.class, roots.toArray());
    List<String> instances = jdbc.queryForList("select id_ from " + t + "act_hi_procinst where root_proc_inst_id_ in ("
        + marks(roots) + ") or id_ in (" + marks(roots) + ")", String.class, twice(roots));
    if (!ended.isEmpty()) {
      eraseValues(t, ended);
    }
    eraseMessages(t, roots, instances);
  }

  /** Values an ended instance no longer needs: variables, their updates, decision inputs and outputs, comments. */
  private void eraseValues(String t, List<String> ended) {
    String in = "root_proc_inst_id_ in (" + marks(ended) + ")";
    Object[] ids = ended.toArray();
    deleteByteArrays(t, "select bytearray_id_ from " + t + "act_hi_varinst where " + in, ids);
    deleteByteArrays(t, "select bytearray_id_ from " + t + "act_hi_detail where " + in, ids);
    deleteByteArrays(t, "select bytearray_id_ from " + t + "act_hi_dec_in where " + in, ids);
    deleteByteArrays(t, "select bytearray_id_ from " + t + "act_hi_dec_out where " + in, ids);
    deleteByteArrays(t, "select content_id_ from " + t + "act_hi_attachment where " + in, ids);
    for (String table : List.of("act_hi_detail", "act_hi_varinst", "act_hi_dec_in", "act_hi_dec_out",
        "act_hi_comment", "act_hi_attachment")) {
      jdbc.update("delete from " + t + table + " where " + in, ids);
    }
  }

  /** Texts that may name the person, in every instance of the business key, running or not. */
  private void eraseMessages(String t, List<String> roots, List<String> instances) {
    String inRoots = "root_proc_inst_id_ in (" + marks(roots) + ")";
    Object[] rootIds = roots.toArray();
    deleteByteArrays(t, "select job_exception_stack_id_ from " + t + "act_hi_job_log where " + inRoots, rootIds,
        "update " + t + "act_hi_job_log set job_exception_stack_id_ = null where " + inRoots);
    jdbc.update("update " + t + "act_hi_job_log set job_exception_msg_ = ? where job_exception_msg_ is not null and "
        + inRoots, with(ERASED_MESSAGE, rootIds));
    deleteByteArrays(t, "select error_details_id_ from " + t + "act_hi_ext_task_log where " + inRoots, rootIds,
        "update " + t + "act_hi_ext_task_log set error_details_id_ = null where " + inRoots);
    jdbc.update("update " + t + "act_hi_ext_task_log set error_msg_ = ? where error_msg_ is not null and " + inRoots,
        with(ERASED_MESSAGE, rootIds));
    jdbc.update("update " + t + "act_hi_incident set incident_msg_ = case when incident_msg_ is null then null else ? "
        + "end, annotation_ = null where " + inRoots, with(ERASED_MESSAGE, rootIds));
    jdbc.update("update " + t + "act_hi_op_log set org_value_ = case when property_ in ('name', 'description') then "
        + "null else org_value_ end, new_value_ = case when property_ in ('name', 'description') then null else "
        + "new_value_ end, annotation_ = null where " + inRoots, rootIds);
    // a task's name in history goes back to its step's name in the model
    jdbc.update("update " + t + "act_hi_taskinst k set name_ = coalesce((select a.act_name_ from " + t
        + "act_hi_actinst a where a.id_ = k.act_inst_id_), k.task_def_key_), description_ = null where " + inRoots,
        rootIds);

    String inInstances = "proc_inst_id_ in (" + marks(instances) + ")";
    Object[] instanceIds = instances.toArray();
    jdbc.update("update " + t + "act_ru_incident set incident_msg_ = case when incident_msg_ is null then null else ? "
        + "end, annotation_ = null, rev_ = rev_ + 1 where " + inInstances, with(ERASED_MESSAGE, instanceIds));
    deleteByteArrays(t, "select exception_stack_id_ from " + t + "act_ru_job where process_instance_id_ in ("
        + marks(instances) + ")", instanceIds, "update " + t + "act_ru_job set exception_stack_id_ = null, "
        + "rev_ = rev_ + 1 where process_instance_id_ in (" + marks(instances) + ")");
    jdbc.update("update " + t + "act_ru_job set exception_msg_ = ?, rev_ = rev_ + 1 where exception_msg_ is not null "
        + "and process_instance_id_ in (" + marks(instances) + ")", with(ERASED_MESSAGE, instanceIds));
    deleteByteArrays(t, "select error_details_id_ from " + t + "act_ru_ext_task where " + inInstances, instanceIds,
        "update " + t + "act_ru_ext_task set error_details_id_ = null, rev_ = rev_ + 1 where " + inInstances);
    jdbc.update("update " + t + "act_ru_ext_task set error_msg_ = ?, rev_ = rev_ + 1 where error_msg_ is not null and "
        + inInstances, with(ERASED_MESSAGE, instanceIds));
    jdbc.update("update " + t + "act_ru_task r set name_ = h.name_, description_ = null, rev_ = r.rev_ + 1 from " + t
        + "act_hi_taskinst h where h.id_ = r.id_ and r." + inInstances, instanceIds);
  }

  private void deleteByteArrays(String t, String referenced, Object[] ids) {
    deleteByteArrays(t, referenced, ids, null);
  }

  /** Deletes the byte arrays the query names, after the statement that unlinks them (a runtime table's key). */
  private void deleteByteArrays(String t, String referenced, Object[] ids, String unlink) {
    List<String> arrays = new ArrayList<>(jdbc.queryForList(referenced, String.class, ids));
    arrays.removeIf(id -> id == null);
    if (unlink != null) {
      jdbc.update(unlink, ids);
    }
    if (!arrays.isEmpty()) {
      jdbc.update("delete from " + t + "act_ge_bytearray where id_ in (" + marks(arrays) + ")", arrays.toArray());
    }
  }

  private static String marks(List<?> values) {
    return String.join(", ", Collections.nCopies(values.size(), "?"));
  }

  private static Object[] twice(List<String> values) {
    List<Object> both = new ArrayList<>(values);
    both.addAll(values);
    return both.toArray();
  }

  private static Object[] with(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
