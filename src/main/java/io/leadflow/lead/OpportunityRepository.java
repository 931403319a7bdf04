package io.leadflow.lead;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

// JPQL rather than derived queries: Hibernate 6.6 translates a derived (criteria) query anew on every call
public interface OpportunityRepository extends JpaRepository<Opportunity, UUID> {

  @Query("select o from Opportunity o where o.leadId = :leadId order by o.createdAt")
  List<Opportunity> findByLeadIdOrderByCreatedAtAsc(UUID leadId);
}
