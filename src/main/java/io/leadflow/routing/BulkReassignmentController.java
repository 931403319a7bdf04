package io.leadflow.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/leads/reassignments}: a manager moves a rep's open leads, all or those named, to another rep or
 * round robin over the team, and gets a report of which moved and which did not and why (managers and admins).
 */
@RestController
class BulkReassignmentController {

  private final BulkReassignment reassignment;

  BulkReassignmentController(BulkReassignment reassignment) {
    this.reassignment = reassignment;
  }

  /**
   * @param from the rep whose leads move
   * @param leads the leads to move; left out: all open leads of {@code from}
   * @param to the rep who gets them; left out: round robin over each lead's team
   */
  record ReassignmentRequest(@NotBlank String from, List<UUID> leads, String to, @Size(max = 500) String note) {
  }

  @PostMapping("/api/leads/reassignments")
  BulkReassignment.Report reassign(@Valid @RequestBody ReassignmentRequest request, Principal user) {
    return reassignment.reassign(request.from(), request.leads(),
        request.to() == null || request.to().isBlank() ? null : request.to(), request.note(), user.getName());
  }
}
