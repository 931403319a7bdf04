package io.leadflow.lead;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/leads")
class LeadController {

  private final LeadRepository leads;
  private final StageChangeRepository history;

  LeadController(LeadRepository leads, StageChangeRepository history) {
    this.leads = leads;
    this.history = history;
  }

  @GetMapping("/{id}")
  @Transactional(readOnly = true)
  LeadView get(@PathVariable UUID id) {
    Lead lead = leads.findById(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead with id " + id));
    return LeadView.of(lead, history.findByLeadIdOrderByChangedAtAscIdAsc(id));
  }
}
