package io.leadflow.lead;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface LeadActivityRepository extends JpaRepository<LeadActivity, UUID> {

  List<LeadActivity> findByLeadIdOrderByOccurredAtAsc(UUID leadId);

  long countByLeadIdAndCycleAndType(UUID leadId, int cycle, ActivityType type);
}
