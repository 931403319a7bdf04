package io.leadflow.lead;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface ScoreReasonRepository extends JpaRepository<ScoreReason, ScoreReason.Key> {

  List<ScoreReason> findByLeadIdOrderByPositionAsc(UUID leadId);

  @Modifying(flushAutomatically = true)
  @Query("delete from ScoreReason r where r.leadId = :leadId")
  void deleteByLeadId(UUID leadId);
}
