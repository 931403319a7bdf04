package io.leadflow.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The first administrator, created when missing. The demo profile has a documented default; the prod profile takes
 * both values from LEADFLOW_ADMIN_USER and LEADFLOW_ADMIN_PASSWORD and refuses to start without them.
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
