package io.leadflow.lead;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

// JPQL rather than derived queries: Hibernate 6.6 translates a derived (criteria) query anew on every call
public interface LeadActivityRepository extends JpaRepository<LeadActivity, UUID> {

  @Query("select a from LeadActivity a where a.leadId = :leadId order by a.occurredAt")
  List<LeadActivity> findByLeadIdOrderByOccurredAtAsc(UUID leadId);

  @Query("select count(a) from LeadActivity a where a.leadId = :leadId and a.type = :type and a.occurredAt >= :since")
  long countByLeadIdAndTypeSince(UUID leadId, ActivityType type, Instant since);

  /** When the lead last did one of these, or null if it never did. */
  @Query("select max(a.occurredAt) from LeadActivity a where a.leadId = :leadId and a.type in :types")
  Instant latest(UUID leadId, Collection<ActivityType> types);
}
