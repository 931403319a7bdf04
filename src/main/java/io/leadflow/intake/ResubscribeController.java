package io.leadflow.intake;

import io.leadflow.lead.Lead;
import io.leadflow.system.RetryingTransactions;
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
 * The link that confirms a re-subscription ({@link Resubscriptions}): signed for one inquiry, no login. Opening it
 * shows a button, since mail scanners open links too; the button gives the consent.
 */
@Controller
@Tag(name = "Unsubscribe", description = "The signed unsubscribe link of marketing mail")
class ResubscribeController {

  private final Resubscriptions resubscriptions;
  private final RetryingTransactions transactions;

  ResubscribeController(Resubscriptions resubscriptions, RetryingTransactions transactions) {
    this.resubscriptions = resubscriptions;
    this.transactions = transactions;
  }

  @GetMapping("/resubscribe")
  @Operation(summary = "The page behind a re-subscription link: asks to confirm")
  ModelAndView confirm(@RequestParam(required = false) String inquiry, @RequestParam(required = false) String token) {
    return id(inquiry).flatMap(id -> resubscriptions.open(id, token))
        .map(request -> new ModelAndView("resubscribe/confirm", Map.of("inquiry", request.inquiryId(), "token", token),
            HttpStatus.OK))
        .orElseGet(ResubscribeController::invalid);
  }

  @PostMapping("/resubscribe")
  @Operation(summary = "Confirm a re-subscription: the page's button")
  ModelAndView resubscribe(@RequestParam(required = false) String inquiry,
      @RequestParam(required = false) String token) {
    Optional<Lead> done = id(inquiry).flatMap(id -> transactions.execute(() -> resubscriptions.confirm(id, token)));
    return done.map(lead -> new ModelAndView("resubscribe/done", Map.of("email", lead.getEmail()), HttpStatus.OK))
        .orElseGet(ResubscribeController::invalid);
  }

  private static Optional<UUID> id(String inquiry) {
    try {
      return Optional.ofNullable(inquiry).map(UUID::fromString);
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
  }

  private static ModelAndView invalid() {
    return new ModelAndView("resubscribe/invalid", Map.of(), HttpStatus.BAD_REQUEST);
  }
}
