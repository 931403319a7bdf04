package io.leadflow.sla;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SlaBreachRepository extends JpaRepository<SlaBreach, Long> {

  List<SlaBreach> findByLeadIdOrderByBreachedAtAsc(UUID leadId);

  List<SlaBreach> findByProcessInstanceIdAndStepAndResolvedAtIsNull(String processInstanceId, SlaStep step);
}
