package io.leadflow.lead;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

// JPQL rather than derived queries: Hibernate 6.6 translates a derived (criteria) query anew on every call
public interface StageChangeRepository extends JpaRepository<StageChange, Long> {

  @Query("select c from StageChange c where c.leadId = :leadId order by c.changedAt, c.id")
  List<StageChange> findByLeadIdOrderByChangedAtAscIdAsc(UUID leadId);

  /** When the lead last entered the stage, or null if it never did. */
  @Query("select max(c.changedAt) from StageChange c where c.leadId = :leadId and c.toStage = :stage")
  Instant lastEntered(UUID leadId, Stage stage);

  /** How often the lead entered the stage since then. */
  @Query("select count(c) from StageChange c where c.leadId = :leadId and c.toStage = :stage and c.changedAt >= :since")
  long countEnteredSince(UUID leadId, Stage stage, Instant since);
}
