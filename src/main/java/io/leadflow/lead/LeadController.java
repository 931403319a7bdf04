package io.leadflow.lead;

import io.leadflow.system.Groups;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/leads")
class LeadController {

  /** Who reads every lead; anyone else (the reps) only their own and their teams' leads. */
  private static final Set<String> READ_ALL = Set.of(Groups.ADMINS, Groups.MARKETING_OPS, Groups.SALES_MANAGERS);

  private final LeadViews details;

  LeadController(LeadViews details) {
    this.details = details;
  }

  /** A lead the user may not read is answered as one that does not exist: its existence is news too. */
  @GetMapping("/{id}")
  LeadView get(@PathVariable UUID id, Authentication user) {
    return details.find(id)
        .filter(lead -> mayRead(user, lead))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead with id " + id));
  }

  private static boolean mayRead(Authentication user, LeadView lead) {
    Set<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .collect(Collectors.toSet());
    if (groups.stream().anyMatch(READ_ALL::contains)) {
      return true;
    }
    LeadView.Owner owner = lead.owner();
    return owner != null && (user.getName().equals(owner.rep()) || groups.contains(owner.team()));
  }
}
