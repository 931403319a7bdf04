package io.leadflow.nurture;

import io.leadflow.system.RetryingTransactions;
import io.leadflow.lead.Lead;
import io.leadflow.mail.UnsubscribeLinks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The unsubscribe link of every marketing mail: signed for the lead, no login. Opening the link shows a button
 * (mail scanners that open links must not unsubscribe anybody); the button, and mail clients' one-click unsubscribe
 * (RFC 8058: a POST with {@code List-Unsubscribe=One-Click}), unsubscribe at once.
 */
@Controller
@Tag(name = "Unsubscribe", description = "The signed unsubscribe link of marketing mail")
class UnsubscribeController {

  private final UnsubscribeLinks links;
  private final Unsubscribes unsubscribes;
  private final RetryingTransactions transactions;

  UnsubscribeController(UnsubscribeLinks links, Unsubscribes unsubscribes, RetryingTransactions transactions) {
    this.links = links;
    this.unsubscribes = unsubscribes;
    this.transactions = transactions;
  }

  @GetMapping("/unsubscribe")
  @Operation(summary = "The page behind the link: asks to confirm")
  ModelAndView confirm(@RequestParam(required = false) String lead, @RequestParam(required = false) String token) {
    return verified(lead, token).map(id -> new ModelAndView("unsubscribe/confirm",
        Map.of("lead", id, "token", token), HttpStatus.OK)).orElseGet(UnsubscribeController::invalid);
  }

  @PostMapping("/unsubscribe")
  @Operation(summary = "Unsubscribe: the page's button, or a mail client's one-click unsubscribe")
  ModelAndView unsubscribe(@RequestParam(required = false) String lead,
      @RequestParam(required = false) String token,
      @RequestParam(name = "List-Unsubscribe", required = false) String oneClick) {
    // a mail client does not repeat a one-click unsubscribe: a conflict with the lead's process is retried here
    Optional<Lead> done = verified(lead, token).flatMap(id -> transactions.execute(() -> unsubscribes.unsubscribe(id,
        "One-Click".equals(oneClick) ? "One-click unsubscribe from the mail client" : "Unsubscribe link")));
    return done.map(unsubscribed -> new ModelAndView("unsubscribe/done",
        Map.of("email", unsubscribed.getEmail() == null ? "" : unsubscribed.getEmail()), HttpStatus.OK))
        .orElseGet(UnsubscribeController::invalid);
  }

  private Optional<UUID> verified(String lead, String token) {
    try {
      UUID id = lead == null ? null : UUID.fromString(lead);
      return links.verify(id, token) ? Optional.of(id) : Optional.empty();
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
  }

  private static ModelAndView invalid() {
    return new ModelAndView("unsubscribe/invalid", Map.of(), HttpStatus.BAD_REQUEST);
  }
}
