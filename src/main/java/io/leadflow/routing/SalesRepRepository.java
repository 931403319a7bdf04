package io.leadflow.routing;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SalesRepRepository extends JpaRepository<SalesRep, String> {

  List<SalesRep> findByTeamIdOrderByUserIdAsc(String teamId);
}
