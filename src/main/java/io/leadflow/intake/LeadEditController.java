package io.leadflow.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadAccess;
import io.leadflow.lead.LeadRepository;
import io.leadflow.system.InvalidRequestException;
import io.leadflow.system.NoNulCharacter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code PATCH /api/leads/{id}}: corrects a lead's contact data and BANT answers. The body names the fields to change
 * (JSON merge patch: a field set to null is emptied, one left out stays). Reps correct their own leads, marketing ops
 * and admins any lead.
 */
@RestController
class LeadEditController {

  private final LeadRepository leads;
  private final LeadEdits edits;

  LeadEditController(LeadRepository leads, LeadEdits edits) {
    this.leads = leads;
    this.edits = edits;
  }

  @PatchMapping(path = "/api/leads/{id}", consumes = {"application/json", "application/merge-patch+json"})
  LeadEdits.Edited edit(@PathVariable UUID id, @RequestBody ObjectNode body, Authentication user) {
    InvalidRequestException invalid = new InvalidRequestException();
    Map<String, String> values = new LinkedHashMap<>();
    body.properties().forEach(field -> {
      JsonNode value = field.getValue();
      if (value.isNull()) {
        values.put(field.getKey(), null);
      } else if (value.isTextual() && value.textValue().indexOf(0) >= 0) {
        invalid.field(field.getKey(), NoNulCharacter.DETAIL);
      } else if (value.isTextual()) {
        values.put(field.getKey(), value.textValue());
      } else {
        invalid.field(field.getKey(), "must be text or null");
      }
    });
    if (body.isEmpty()) {
      invalid.field("body", "names no field to correct; fields are " + LeadEdits.fields());
    }
    invalid.throwIfAny();
    LeadAccess access = LeadAccess.of(user);
    Lead lead = leads.findById(id).filter(found -> access.mayRead(found.getTeam(), found.getOwner()))
        .orElseThrow(() -> notFound(id));
    if (!access.mayEdit(lead.getOwner())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN,
          "Only the lead's owner, marketing ops and admins may correct its data");
    }
    try {
      return edits.edit(id, values, user.getName());
    } catch (NoSuchElementException e) {
      throw notFound(id);
    } catch (IllegalStateException e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
    }
  }

  private static ResponseStatusException notFound(UUID id) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead with id " + id);
  }
}
