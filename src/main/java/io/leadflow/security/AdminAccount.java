package io.leadflow.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The first administrator, created when missing. Only the demo profile has a documented password; every other profile
 * takes it from LEADFLOW_ADMIN_PASSWORD and refuses to start without it (the prod profile the user name too, from
 * LEADFLOW_ADMIN_USER).
 */
@Validated
@ConfigurationProperties("leadflow.admin")
public record AdminAccount(
    @NotBlank(message = "is required: set LEADFLOW_ADMIN_USER") String username,
    @NotBlank(message = "is required: set LEADFLOW_ADMIN_PASSWORD") String password) {

  @Override
  public String toString() {
    return "AdminAccount[username=" + username + "]";
  }
}
