package io.leadflow.metrics;

import io.leadflow.system.InvalidRequestException;
import io.leadflow.system.NoNulCharacter;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Campaign cost per campaign and month: marketing ops and admins record it, managers read it too. The campaign is in
 * the body or a parameter, not the path: a campaign's name may hold any character.
 */
@RestController
class CampaignCostController {

  private final CampaignCosts costs;

  CampaignCostController(CampaignCosts costs) {
    this.costs = costs;
  }

  /** The costs of twelve months up to {@code to} (this month) unless {@code from} says otherwise. */
  @GetMapping("/api/campaign-costs")
  List<CampaignCosts.Cost> list(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String campaign) {
    InvalidRequestException invalid = new InvalidRequestException();
    YearMonth last = month("to", to, YearMonth.now(), invalid);
    YearMonth first = month("from", from, last.minusMonths(11), invalid);
    if (first.isAfter(last)) {
      invalid.field("from", "must not be after to");
    }
    noNul(campaign, invalid);
    invalid.throwIfAny();
    return costs.list(first, last, campaign == null || campaign.isBlank() ? null : campaign.strip());
  }

  /** What a campaign cost in a month ({@code 2026-03}); the amount in Leadflow's currency. */
  record CostRequest(String campaign, String month, BigDecimal amount) {
  }

  @PutMapping("/api/campaign-costs")
  CampaignCosts.Cost save(@RequestBody CostRequest request) {
    InvalidRequestException invalid = costs.check(request.campaign(), request.amount());
    YearMonth month = month("month", request.month(), null, invalid);
    if (month != null) {
      CampaignCosts.checkMonth(month, invalid);
    }
    invalid.throwIfAny();
    return costs.save(request.campaign(), month, request.amount());
  }

  @DeleteMapping("/api/campaign-costs")
  ResponseEntity<Void> delete(@RequestParam String campaign, @RequestParam String month) {
    InvalidRequestException invalid = new InvalidRequestException();
    YearMonth parsed = month("month", month, null, invalid);
    noNul(campaign, invalid);
    invalid.throwIfAny();
    if (!costs.delete(campaign, parsed)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No cost of campaign " + campaign + " for " + parsed);
    }
    return ResponseEntity.noContent().build();
  }

  private static void noNul(String campaign, InvalidRequestException invalid) {
    if (campaign != null && campaign.indexOf(0) >= 0) {
      invalid.field("campaign", NoNulCharacter.DETAIL);
    }
  }

  private static YearMonth month(String field, String value, YearMonth fallback, InvalidRequestException invalid) {
    if (value == null || value.isBlank()) {
      if (fallback == null) {
        invalid.field(field, "is required, as in 2026-03");
      }
      return fallback;
    }
    try {
      return YearMonth.parse(value.strip());
    } catch (DateTimeParseException e) {
      invalid.field(field, "must be a month such as 2026-03");
      return fallback;
    }
  }
}
