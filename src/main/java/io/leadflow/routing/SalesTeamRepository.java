package io.leadflow.routing;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface SalesTeamRepository extends JpaRepository<SalesTeam, String> {

  /** Takes the team's turn lock (SELECT ... FOR UPDATE) until the transaction ends. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select t from SalesTeam t where t.id = :id")
  Optional<SalesTeam> lockById(String id);
}
