package io.leadflow.intake;

import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/leads")
class LeadIntakeController {

  private final LeadIntake intake;

  LeadIntakeController(LeadIntake intake) {
    this.intake = intake;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(@Valid @RequestBody NewLead lead, Principal user) {
    UUID id = intake.capture(lead, user.getName());
    URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(id).toUri();
    return ResponseEntity.created(location).body(Map.of("id", id));
  }
}
