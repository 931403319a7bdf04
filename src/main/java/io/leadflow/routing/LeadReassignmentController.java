package io.leadflow.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Reassigns a lead to another rep in one call (managers and admins; Tasklist's reassign does the same). */
@RestController
class LeadReassignmentController {

  private final LeadReassignment reassignment;

  LeadReassignmentController(LeadReassignment reassignment) {
    this.reassignment = reassignment;
  }

  record OwnerRequest(@NotBlank String rep, @Size(max = 500) String note) {
  }

  @PutMapping("/api/leads/{id}/owner")
  LeadReassignment.Reassignment reassign(@PathVariable UUID id, @Valid @RequestBody OwnerRequest request,
      Principal user) {
    try {
      return reassignment.reassign(id, request.rep(), request.note(), user.getName(),
          ClockUtil.now().toInstant());
    } catch (NoSuchElementException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
    } catch (IllegalStateException e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
    }
  }
}
