package io.leadflow.system;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

/** Email addresses of Leadflow's users and groups, from Camunda's identity service (managed in Admin). */
@Service
public class StaffDirectory {

  private final IdentityService identity;

  StaffDirectory(IdentityService identity) {
    this.identity = identity;
  }

  /** The user's address, or null when the user is unknown or has none. */
  public String emailOf(String userId) {
    if (userId == null) {
      return null;
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    return user == null || user.getEmail() == null || user.getEmail().isBlank() ? null : user.getEmail();
  }

  /** The user's first and last name, as Admin has them; null when the user is unknown or has no name. */
  public String nameOf(String userId) {
    User user = userId == null ? null : identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return null;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).trim();
    return name.isEmpty() ? null : name;
  }

  /** The addresses of the group's members who have one. */
  public Set<String> emailsOfGroup(String groupId) {
    Set<String> emails = new LinkedHashSet<>();
    if (groupId == null) {
      return emails;
    }
    List<User> members = identity.createUserQuery().memberOfGroup(groupId).list();
    for (User member : members) {
      if (member.getEmail() != null && !member.getEmail().isBlank()) {
        emails.add(member.getEmail());
      }
    }
    return emails;
  }
}
