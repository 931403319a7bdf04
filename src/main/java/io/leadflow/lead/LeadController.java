package io.leadflow.lead;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/leads")
class LeadController {

  private final LeadViews details;

  LeadController(LeadViews details) {
    this.details = details;
  }

  /** A lead the user may not read is answered as one that does not exist: its existence is news too. */
  @GetMapping("/{id}")
  LeadView get(@PathVariable UUID id, Authentication user) {
    return details.find(id)
        .filter(lead -> LeadAccess.of(user).mayRead(lead.owner().team(), lead.owner().rep()))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead with id " + id));
  }
}
