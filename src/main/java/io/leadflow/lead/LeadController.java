package io.leadflow.lead;

import java.util.UUID;
import org.springframework.http.HttpStatus;
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

  @GetMapping("/{id}")
  LeadView get(@PathVariable UUID id) {
    return details.find(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead with id " + id));
  }
}
