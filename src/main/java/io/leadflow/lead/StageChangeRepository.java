package io.leadflow.lead;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface StageChangeRepository extends JpaRepository<StageChange, Long> {

  List<StageChange> findByLeadIdOrderByChangedAtAscIdAsc(UUID leadId);
}
