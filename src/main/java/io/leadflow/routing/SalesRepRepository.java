package io.leadflow.routing;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

// JPQL rather than derived queries: Hibernate 6.6 translates a derived (criteria) query anew on every call
public interface SalesRepRepository extends JpaRepository<SalesRep, String> {

  @Query("select r from SalesRep r where r.teamId = :teamId order by r.userId")
  List<SalesRep> findByTeamIdOrderByUserIdAsc(String teamId);
}
