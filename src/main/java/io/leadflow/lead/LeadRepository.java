package io.leadflow.lead;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

// JPQL rather than derived queries: Hibernate 6.6 translates a derived (criteria) query anew on every call
public interface LeadRepository extends JpaRepository<Lead, UUID> {

  /** The stages in which a lead takes up a rep's time. */
  List<Stage> OPEN_STAGES = List.of(Stage.MQL, Stage.SAL, Stage.SQL, Stage.ON_HOLD);

  /**
   * The lead, its row locked until the transaction ends: what happens to one lead (a capture, a report, a nurture
   * deciding to wait) happens one after the other, and each sees what the one before committed.
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select l from Lead l where l.id = :id")
  Optional<Lead> findAndLock(UUID id);

  @Query("select l from Lead l where l.email = :email")
  Optional<Lead> findByEmail(String email);

  /** The rep's open leads, oldest first. */
  @Query("select l.id from Lead l where l.owner = :owner and l.stage in :stages order by l.createdAt, l.id")
  List<UUID> findOpenIdsByOwner(String owner, Collection<Stage> stages);

  /**
   * Per owner of the team: how many open leads they hold, counting only leads whose process (by its key) is running
   * under the lead's id. A lead without one, such as the demo history's or one whose process an administrator
   * cancelled, is in no one's work.
   */
  @Query(nativeQuery = true, value = """
      select l.owner, count(*) from leadflow.lead l
      where l.team = :team and l.owner is not null and l.stage in (:stages)
        and exists (select 1 from public.act_ru_execution e join public.act_re_procdef d on d.id_ = e.proc_def_id_
          where e.business_key_ = cast(l.id as varchar) and e.id_ = e.proc_inst_id_ and d.key_ = :processKey)
      group by l.owner""")
  List<Object[]> countHeldByOwner(String team, Collection<String> stages, String processKey);
}
