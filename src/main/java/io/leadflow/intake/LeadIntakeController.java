package io.leadflow.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.security.ApiKeyAuthentication;
import io.leadflow.system.IdempotentRequests;
import io.leadflow.system.RetryingTransactions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Capture API: web forms, content downloads, webinars, events and partners post their leads here. */
@RestController
@RequestMapping("/api/leads")
@Tag(name = "Capture", description = "Post leads from any touch point")
class LeadIntakeController {

  /**
   * The answer to a capture.
   *
   * @param id the lead
   * @param result {@code created} (201): a new lead; {@code merged} (200): a known person responded again
   * @param newCycle the known lead's last buying cycle was over, so this response started a new one
   * @param cycle the lead's buying cycle
   * @param inquiryId this response, as recorded on the lead
   */
  record CaptureAnswer(UUID id, String result, boolean newCycle, int cycle, UUID inquiryId) {
  }

  private final LeadIntake intake;
  private final LeadDataRules rules;
  private final FormFields forms;
  private final IdempotentRequests idempotent;
  private final RetryingTransactions transactions;
  private final ObjectMapper objectMapper;

  LeadIntakeController(LeadIntake intake, LeadDataRules rules, FormFields forms, IdempotentRequests idempotent,
      RetryingTransactions transactions, ObjectMapper objectMapper) {
    this.intake = intake;
    this.rules = rules;
    this.forms = forms;
    this.idempotent = idempotent;
    this.transactions = transactions;
    this.objectMapper = objectMapper;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Capture a lead (JSON)", description = "A new person is created (201); a known person "
      + "(same email, or without email the same phone and company) is merged (200) and the response is logged, "
      + "acknowledged and re-scored. Send an Idempotency-Key header to make retries safe.")
  @ApiResponse(responseCode = "201", description = "A new lead")
  @ApiResponse(responseCode = "200", description = "A known person responded again")
  @ApiResponse(responseCode = "400", description = "Invalid fields, each named in errors",
      content = @Content(mediaType = "application/problem+json"))
  ResponseEntity<CaptureAnswer> create(@RequestBody NewLead lead,
      @Parameter(description = "Any unique text per request, e.g. a UUID; a retry sends the same")
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      @Parameter(hidden = true) Authentication client) {
    return capture(lead, idempotencyKey, client);
  }

  @PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  @Operation(summary = "Capture a lead (HTML form fields)", description = "The same fields and answers as JSON; "
      + "marketingConsent accepts on/true/yes.")
  ResponseEntity<CaptureAnswer> createFromForm(
      @Schema(implementation = NewLead.class) @RequestParam MultiValueMap<String, String> form,
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
      @Parameter(hidden = true) Authentication client) {
    return capture(forms.lead(form), idempotencyKey, client);
  }

  private ResponseEntity<CaptureAnswer> capture(NewLead lead, String idempotencyKey, Authentication client) {
    NewLead clean = rules.clean(forChannelOf(client, lead));
    IdempotentRequests.Answer answer = transactions.execute(() -> idempotent.execute(client.getName(),
        idempotencyKey, json(clean), () -> {
          Captured captured = intake.capture(clean, client instanceof ApiKeyAuthentication
              ? CaptureSource.untrusted(client.getName()) : CaptureSource.by(client.getName()));
          CaptureAnswer body = new CaptureAnswer(captured.id(), captured.result().name().toLowerCase(Locale.ROOT),
              captured.newCycle(), captured.cycle(), captured.inquiryId());
          return new IdempotentRequests.Answer(captured.result() == Captured.Result.CREATED
              ? HttpStatus.CREATED.value() : HttpStatus.OK.value(), json(body), false);
        }));
    CaptureAnswer body = read(answer.body());
    ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
        .location(URI.create("/api/leads/" + body.id()));
    if (answer.replayed()) {
      response.header(IdempotentRequests.REPLAYED, "true");
    }
    return response.body(body);
  }

  /** A key captures for its own channel only. */
  static NewLead forChannelOf(Authentication client, NewLead lead) {
    if (!(client instanceof ApiKeyAuthentication key)) {
      return lead;
    }
    String channel = key.captureChannel(lead.sourceChannel(), "sourceChannel");
    return lead.sourceChannel() == null ? lead.withChannel(channel) : lead;
  }

  private String json(Object value) {
    try {
      return objectMapper.writeValueAsString(value);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private CaptureAnswer read(String json) {
    try {
      return objectMapper.readValue(json, CaptureAnswer.class);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
