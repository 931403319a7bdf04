package io.leadflow.lead;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

// JPQL rather than derived queries: Hibernate 6.6 translates a derived (criteria) query anew on every call
public interface LeadChangeRepository extends JpaRepository<LeadChange, Long> {

  @Query("select c from LeadChange c where c.leadId = :leadId order by c.changedAt, c.id")
  List<LeadChange> findByLeadId(UUID leadId);
}
