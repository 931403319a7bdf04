package io.leadflow.erasure;

import io.leadflow.system.RetryingTransactions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Right to erasure on a person's request: admins and marketing ops (see the security configuration). */
@RestController
@Tag(name = "Erasure", description = "GDPR erasure of a lead's personal data")
class ErasureController {

  private final ErasureRequests erasures;
  private final RetryingTransactions transactions;

  ErasureController(ErasureRequests erasures, RetryingTransactions transactions) {
    this.erasures = erasures;
    this.transactions = transactions;
  }

  /** @param reason the request it answers (a ticket, "email of 3 May"); kept in the lead's log, so no personal data */
  record ErasureRequest(@NotBlank @Size(max = 180) String reason) {
  }

  @PostMapping("/api/leads/{id}/erasure")
  @Operation(summary = "Erase the lead's personal data: 200 when done, 202 while the lead's process erases it")
  ResponseEntity<ErasureRequests.Erasure> erase(@PathVariable UUID id, @Valid @RequestBody ErasureRequest request,
      Principal user) {
    // a step of the lead's process may change the same process instance at the same moment: retried, not refused
    ErasureRequests.Erasure erasure = transactions.execute(() -> erasures.erase(id, request.reason().strip(),
        user.getName())).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead with id " + id));
    return ResponseEntity.status(erasure.erasedAt() == null ? HttpStatus.ACCEPTED : HttpStatus.OK).body(erasure);
  }
}
