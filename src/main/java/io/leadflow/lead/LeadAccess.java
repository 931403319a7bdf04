package io.leadflow.lead;

import io.leadflow.system.Groups;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who may find, read and correct which leads. Managers, marketing ops and admins read every lead. A rep finds their
 * own leads and their team's queue (its leads without an owner); they read a teammate's lead too, as Tasklist shows
 * them its task. Reps correct their own leads' data; marketing ops and admins correct any lead's.
 *
 * @param user the user's id
 * @param groups the user's Camunda groups: roles and sales teams
 */
public record LeadAccess(String user, Set<String> groups) {

  private static final Set<String> READ_ALL = Set.of(Groups.ADMINS, Groups.MARKETING_OPS, Groups.SALES_MANAGERS);
  private static final Set<String> EDIT_ALL = Set.of(Groups.ADMINS, Groups.MARKETING_OPS);

  public LeadAccess {
    groups = Set.copyOf(groups);
  }

  public static LeadAccess of(Authentication authentication) {
    return new LeadAccess(authentication.getName(), authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority).collect(Collectors.toSet()));
  }

  public boolean readsAll() {
    return groups.stream().anyMatch(READ_ALL::contains);
  }

  public boolean editsAll() {
    return groups.stream().anyMatch(EDIT_ALL::contains);
  }

  /** Whether search lists the lead: everything for those who read all, else the user's own and their teams' queues. */
  public boolean finds(String team, String owner) {
    return readsAll() || user.equals(owner) || owner == null && team != null && groups.contains(team);
  }

  /** Whether the user may open the lead: what search lists, and the leads of the user's teams. */
  public boolean mayRead(String team, String owner) {
    return readsAll() || user.equals(owner) || team != null && groups.contains(team);
  }

  /** Whether the user may correct the lead's contact data and qualifying answers. */
  public boolean mayEdit(String owner) {
    return editsAll() || user.equals(owner);
  }
}
