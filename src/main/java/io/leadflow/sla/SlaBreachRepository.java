package io.leadflow.sla;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

// JPQL rather than derived queries: Hibernate 6.6 translates a derived (criteria) query anew on every call
public interface SlaBreachRepository extends JpaRepository<SlaBreach, Long> {

  @Query("select b from SlaBreach b where b.leadId = :leadId order by b.breachedAt")
  List<SlaBreach> findByLeadIdOrderByBreachedAtAsc(UUID leadId);

  @Query("select b from SlaBreach b where b.processInstanceId = :processInstanceId and b.step = :step "
      + "and b.resolvedAt is null")
  List<SlaBreach> findByProcessInstanceIdAndStepAndResolvedAtIsNull(String processInstanceId, SlaStep step);

  @Query("select b from SlaBreach b where b.processInstanceId = :processInstanceId and b.step = :step "
      + "and b.dueAt = :dueAt order by b.id desc")
  List<SlaBreach> findByDeadline(String processInstanceId, SlaStep step, Instant dueAt);
}
