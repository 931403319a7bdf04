package io.leadflow.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Logs users in against Camunda's identity service, the one user store that Tasklist, Cockpit, Admin, the engine REST
 * API and Leadflow's own API share. Failed logins are throttled per user and address ({@link LoginThrottle}); a
 * throttled login is refused without its password being checked. Authorities are the user's group ids.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;
  private final LoginThrottle throttle;

  CamundaIdentityAuthenticationProvider(IdentityService identityService, LoginThrottle throttle) {
    this.identityService = identityService;
    this.throttle = throttle;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String username = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (username == null || username.isBlank() || credentials == null) {
      throw new BadCredentialsException("Bad credentials");
    }
    String address = authentication.getDetails() instanceof WebAuthenticationDetails details
        && details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
    throttle.waitBeforeTrying(username, address).ifPresent(wait -> {
      throw new LoginThrottledException(wait);
    });
    if (!identityService.checkPassword(username, credentials.toString())) {
      throttle.failed(username, address);
      throw new BadCredentialsException("Bad credentials");
    }
    throttle.succeeded(username, address);
    List<SimpleGrantedAuthority> groups = identityService.createGroupQuery().groupMember(username).list().stream()
        .map(Group::getId)
        .map(SimpleGrantedAuthority::new)
        .toList();
    return UsernamePasswordAuthenticationToken.authenticated(username, null, groups);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
