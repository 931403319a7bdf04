package io.leadflow.leads;

import io.leadflow.lead.LeadAccess;
import io.leadflow.lead.LeadRepository;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/leads/{id}/timeline}: what happened to the lead, newest first, as its page shows it. */
@RestController
class LeadTimelineController {

  private final LeadRepository leads;
  private final LeadTimeline timeline;

  LeadTimelineController(LeadRepository leads, LeadTimeline timeline) {
    this.leads = leads;
    this.timeline = timeline;
  }

  @GetMapping("/api/leads/{id}/timeline")
  List<LeadTimeline.Entry> timeline(@PathVariable UUID id, Authentication user) {
    LeadAccess access = LeadAccess.of(user);
    leads.findById(id).filter(lead -> access.mayRead(lead.getTeam(), lead.getOwner()))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead with id " + id));
    return timeline.of(id);
  }
}
