package io.leadflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * Where a login leads: back to the page that asked for it (a lead page a mail links to), else the dashboard for those
 * who may see it and the Leads page for reps.
 */
class StartPage extends SavedRequestAwareAuthenticationSuccessHandler {

  @Override
  protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response,
      Authentication authentication) {
    return Navigation.of(authentication).dashboard() ? "/dashboard" : "/leads";
  }
}
