package io.leadflow.intake;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A lead with this email address exists already. */
class DuplicateLeadException extends ResponseStatusException {

  DuplicateLeadException(String email) {
    super(HttpStatus.CONFLICT, "A lead with the email address " + email + " exists already");
  }
}
