package io.leadflow.lead;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface LeadRepository extends JpaRepository<Lead, UUID> {

  Optional<Lead> findByEmail(String email);
}
