package io.leadflow.lead;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

// JPQL rather than derived queries: Hibernate 6.6 translates a derived (criteria) query anew on every call
public interface ScoreReasonRepository extends JpaRepository<ScoreReason, ScoreReason.Key> {

  @Query("select r from ScoreReason r where r.leadId = :leadId order by r.position")
  List<ScoreReason> findByLeadIdOrderByPositionAsc(UUID leadId);

  // no flushAutomatically: Hibernate flushes before this delete only when reasons are waiting to be written, rather
  // than every change of the step, which would write the lead's row once here and again at commit
  @Modifying
  @Query("delete from ScoreReason r where r.leadId = :leadId")
  void deleteByLeadId(UUID leadId);
}
