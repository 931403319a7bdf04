package io.leadflow.lead;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface ProposedChangeRepository extends JpaRepository<ProposedChange, UUID> {

  @Query("select c from ProposedChange c where c.leadId = :leadId and c.settledAt is null "
      + "order by c.proposedAt, c.field")
  List<ProposedChange> findOpen(UUID leadId);

  /** Someone trusted set these fields: what was proposed for them before is answered. */
  @Modifying(flushAutomatically = true)
  @Query("update ProposedChange c set c.settledAt = :at, c.settledBy = :by "
      + "where c.leadId = :leadId and c.field in :fields and c.settledAt is null")
  int settle(UUID leadId, Collection<String> fields, String by, Instant at);

  @Modifying(flushAutomatically = true)
  @Query("delete from ProposedChange c where c.leadId = :leadId")
  void deleteByLeadId(UUID leadId);
}
