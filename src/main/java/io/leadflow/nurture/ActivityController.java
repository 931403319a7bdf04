package io.leadflow.nurture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.system.IdempotentRequests;
import io.leadflow.system.RetryingTransactions;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Behavioural triggers: websites, webinar tools and email services report what a lead did. */
@RestController
@Tag(name = "Activities", description = "Report what a lead did; it is scored and may make a nurtured lead an MQL")
class ActivityController {

  private final LeadEngagement engagement;
  private final LeadRepository leads;
  private final IdempotentRequests idempotent;
  private final RetryingTransactions transactions;
  private final ObjectMapper objectMapper;

  ActivityController(LeadEngagement engagement, LeadRepository leads, IdempotentRequests idempotent,
      RetryingTransactions transactions, ObjectMapper objectMapper) {
    this.engagement = engagement;
    this.leads = leads;
    this.idempotent = idempotent;
    this.transactions = transactions;
    this.objectMapper = objectMapper;
  }

  @PostMapping("/api/leads/{id}/activities")
  @Operation(summary = "Report an activity of a lead")
  ResponseEntity<LeadEngagement.Recorded> report(@PathVariable UUID id, @RequestBody ActivityReport report,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      @Parameter(hidden = true) Authentication client) {
    engagement.check(report);
    // the lead is in the path, not the body: the same key and body for another lead is another request
    return record(client, idempotencyKey, id + " " + json(report), report, () -> leads.findById(id).map(Lead::getId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead with id " + id)));
  }

  @PostMapping("/api/activities")
  @Operation(summary = "Report an activity of the lead with this email address, e.g. a tracked click")
  ResponseEntity<LeadEngagement.Recorded> reportByEmail(@RequestBody ActivityReport report,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      @Parameter(hidden = true) Authentication client) {
    if (report.email() == null || report.email().isBlank()) {
      throw new InvalidRequestException(List.of(new FieldProblem("email", "is required")));
    }
    engagement.check(report);
    String email = report.email().strip().toLowerCase(Locale.ROOT);
    return record(client, idempotencyKey, json(report), report, () -> leads.findByEmail(email).map(Lead::getId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead with email " + email)));
  }

  /** @param request what makes a retry the same request: the path's lead and the body */
  private ResponseEntity<LeadEngagement.Recorded> record(Authentication client, String idempotencyKey, String request,
      ActivityReport report, java.util.function.Supplier<UUID> lead) {
    String by = client.getName();
    IdempotentRequests.Answer answer = transactions.execute(() -> idempotent.execute(client.getName(),
        idempotencyKey, request, () -> new IdempotentRequests.Answer(HttpStatus.CREATED.value(),
            json(engagement.record(lead.get(), report, by)), false)));
    LeadEngagement.Recorded recorded = read(answer.body());
    ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
        .location(URI.create("/api/leads/" + recorded.leadId()));
    if (answer.replayed()) {
      response.header(IdempotentRequests.REPLAYED, "true");
    }
    return response.body(recorded);
  }

  private String json(Object value) {
    try {
      return objectMapper.writeValueAsString(value);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private LeadEngagement.Recorded read(String json) {
    try {
      return objectMapper.readValue(json, LeadEngagement.Recorded.class);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
