package io.leadflow.mail;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What Leadflow's mail looks like from outside. The SMTP server itself is Spring Boot's {@code spring.mail.*}
 * (SPRING_MAIL_HOST, SPRING_MAIL_PORT, SPRING_MAIL_USERNAME, SPRING_MAIL_PASSWORD).
 *
 * @param from the sender, e.g. {@code Leadflow <leads@example.com>} (LEADFLOW_MAIL_FROM)
 * @param replyTo where answers go, if not to the sender (LEADFLOW_MAIL_REPLY_TO)
 * @param baseUrl Leadflow's public URL, the start of every link in a mail (LEADFLOW_BASE_URL)
 * @param unsubscribeSecret the key that signs unsubscribe links; changing it invalidates every link sent before
 *     (LEADFLOW_UNSUBSCRIBE_SECRET, required in the prod profile)
 * @param demoCatcher the demo profile's embedded mail catcher, used when no SMTP server is configured
 */
@Validated
@ConfigurationProperties("leadflow.mail")
public record LeadflowMailProperties(
    @NotBlank @DefaultValue("Leadflow <leads@leadflow.example>") String from,
    String replyTo,
    @NotNull @DefaultValue("http://localhost:8080") URI baseUrl,
    @NotBlank(message = "is required: set LEADFLOW_UNSUBSCRIBE_SECRET")
    @Size(min = 32, message = "must be at least 32 characters long: set LEADFLOW_UNSUBSCRIBE_SECRET")
    String unsubscribeSecret,
    @Valid @DefaultValue DemoCatcher demoCatcher) {

  /** @param port the SMTP port on localhost; 0 for any free port (logged at start) */
  public record DemoCatcher(@DefaultValue("3025") int port) {
  }

  /** The base URL without a trailing slash, to append paths to. */
  String base() {
    return baseUrl.toString().replaceAll("/+$", "");
  }

  @Override
  public String toString() {
    return "LeadflowMailProperties[from=" + from + ", replyTo=" + replyTo + ", baseUrl=" + baseUrl + "]";
  }
}
