package io.leadflow.routing;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TargetAccountRepository extends JpaRepository<TargetAccount, String> {
}
