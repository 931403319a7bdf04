package io.leadflow.metrics;

import io.leadflow.lifecycle.LeadLifecycle;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Leads that have stayed in their stage longer than most leads of their segment did: above the 80th percentile of the
 * time in that stage, measured on the leads that left it in the history period, once there are enough of them.
 */
@Service
@Transactional(readOnly = true)
public class StuckLeads {

  static final double PERCENTILE = 0.8;

  private final NamedParameterJdbcTemplate jdbc;
  private final MetricsProperties properties;

  StuckLeads(NamedParameterJdbcTemplate jdbc, MetricsProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /**
   * A stuck lead, with links for the manager: the lead's page (every lead has one, also a lead of the demo history,
   * which has no process), the instance in Cockpit and its open task in Tasklist.
   */
  public record StuckLead(UUID leadId, String lead, String stage, String segment, String team, String owner,
      Instant enteredAt, double daysInStage, double typicalDays, long measuredLeads, String processInstanceId,
      String leadUrl, String cockpitUrl, String tasklistUrl) {

    /** What Cockpit's incident says, in the manager's words. */
    public String message() {
      return lead + " usually leaves " + stage + " within " + Math.round(Math.ceil(typicalDays)) + " days"
          + (segment == null ? "" : " in segment " + segment) + " (" + Math.round(PERCENTILE * 100) + "% of "
          + measuredLeads + " leads); it has been there " + Math.round(Math.floor(daysInStage)) + " days"
          + (owner == null ? "" : ", owner " + owner);
    }
  }

  public List<StuckLead> find(MetricsFilter history, Instant now) {
    Map<String, Object> parameters = history.parameters();
    String sql = """
        with typical as (
          select l.segment, c.to_stage as stage, count(*) as samples,
            percentile_cont(:percentile) within group (order by extract(epoch from n.left_at - c.changed_at)) as limit_seconds
          from leadflow.lead_stage_change c join leadflow.lead l on l.id = c.lead_id
          cross join lateral (select min(x.changed_at) as left_at from leadflow.lead_stage_change x
            where x.lead_id = c.lead_id and x.changed_at > c.changed_at) n
          where c.to_stage in ('MQL', 'SAL', 'SQL') and c.changed_at >= :start and c.changed_at < :end
            and n.left_at is not null
          group by l.segment, c.to_stage)
        select l.id, concat_ws(' ', l.first_name, l.last_name) as person, l.company, l.stage, l.segment, l.team,
          l.owner, s.entered_at, t.limit_seconds, t.samples, e.id_ as process_instance_id,
          (select min(k.id_) from public.act_ru_task k where k.proc_inst_id_ = e.id_) as task_id
        from leadflow.lead l
        cross join lateral (select max(c.changed_at) as entered_at from leadflow.lead_stage_change c
          where c.lead_id = l.id) s
        join typical t on t.stage = l.stage and t.segment is not distinct from l.segment
        left join (public.act_ru_execution e join public.act_re_procdef d on d.id_ = e.proc_def_id_)
          on e.business_key_ = l.id::text and e.id_ = e.proc_inst_id_ and d.key_ = :lifecycle
        where l.stage in ('MQL', 'SAL', 'SQL') and %s and t.samples >= :minSamples
          and extract(epoch from cast(:now as timestamptz) - s.entered_at) > t.limit_seconds
        order by extract(epoch from cast(:now as timestamptz) - s.entered_at) / greatest(t.limit_seconds, 1) desc
        limit :limit""".formatted(history.leadCondition(parameters));
    // the printed kit and the nurture the lifecycle calls carry the lead's id as business key too: the lead is listed
    // once, with the instance whose work it is stuck in
    parameters.put("lifecycle", LeadLifecycle.PROCESS_KEY);
    parameters.put("percentile", PERCENTILE);
    parameters.put("minSamples", properties.stuckMinimumHistory());
    parameters.put("now", Timestamp.from(now));
    parameters.put("limit", properties.stuckListLimit());
    return jdbc.query(sql, parameters, (row, index) -> {
      Instant entered = row.getTimestamp("entered_at").toInstant();
      String person = row.getString("person");
      String company = row.getString("company");
      String label = (person == null || person.isBlank() ? "Lead " + row.getString("id") : person)
          + (company == null ? "" : " (" + company + ")");
      String processInstanceId = row.getString("process_instance_id");
      String taskId = row.getString("task_id");
      return new StuckLead(row.getObject("id", UUID.class), label, row.getString("stage"), row.getString("segment"),
          row.getString("team"), row.getString("owner"), entered, days(Duration.between(entered, now).getSeconds()),
          days(row.getDouble("limit_seconds")), row.getLong("samples"), processInstanceId,
          "/leads/" + row.getString("id"), processInstanceId == null ? null : "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId
              + "/runtime",
          taskId == null ? null : "/camunda/app/tasklist/default/#/?task=" + taskId);
    });
  }

  private static double days(double seconds) {
    return Math.round(seconds / 86400 * 10) / 10.0;
  }
}
