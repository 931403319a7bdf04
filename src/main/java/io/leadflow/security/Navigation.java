package io.leadflow.security;

import io.leadflow.system.Groups;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The links of the web app's header, as far as the user may follow them: everybody has Leads and Tasklist; managers,
 * marketing ops and admins the dashboard; managers and admins the reps' capacity and Cockpit; marketing ops and admins
 * the campaign costs.
 */
public record Navigation(String user, boolean dashboard, boolean reps, boolean campaignCosts, boolean cockpit) {

  public static Navigation of(Authentication authentication) {
    Set<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .collect(Collectors.toSet());
    boolean admin = groups.contains(Groups.ADMINS);
    boolean manager = admin || groups.contains(Groups.SALES_MANAGERS);
    boolean marketing = admin || groups.contains(Groups.MARKETING_OPS);
    return new Navigation(authentication.getName(), manager || marketing, manager, marketing, manager);
  }
}
