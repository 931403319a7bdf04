package io.leadflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.system.Groups;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.util.HtmlUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Nothing is reachable without logging in. Four doors, one user store (Camunda's identity service):
 * <ul>
 *   <li>the engine REST API, which Camunda leaves open by default: HTTP Basic, the user handed to the engine so that its
 *   authorization checks apply;</li>
 *   <li>Tasklist, Cockpit and Admin under /camunda: their own login page, session and CSRF protection;</li>
 *   <li>Leadflow's pages (Leads, lead pages, the dashboard, reps' capacity, campaign costs) and the API calls they
 *   make: Leadflow's login page, session and CSRF protection; the same calls also by HTTP Basic;</li>
 *   <li>everything else (Leadflow's API, Actuator): HTTP Basic, or for machine clients that capture leads an API key
 *   ({@code X-API-Key}); public are only the health probe, the landing page, the unsubscribe and re-subscription
 *   links and the API description.</li>
 * </ul>
 * Every login that checks a password here, the webapps' included, is throttled ({@link LoginThrottle}). What a user
 * may do in the engine is its authorizations' and Leadflow's engine rules' ({@link UserCommandRules}) to decide.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /**
   * Leadflow's own pages and API load nothing from elsewhere and run no inline script, and no other site may frame
   * them. Inline styles stay allowed: Swagger UI and Chart.js set them. Camunda's webapps send their own policy
   * ({@code camunda.bpm.webapp.header-security}). HSTS goes with every HTTPS answer (Spring Security's default).
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
      + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  private static final Customizer<HeadersConfigurer<HttpSecurity>> OWN_HEADERS = headers -> headers
      .contentSecurityPolicy(policy -> policy.policyDirectives(CONTENT_SECURITY_POLICY));

  @Bean
  @Order(1)
  SecurityFilterChain engineRestApi(HttpSecurity http, IdentityService identityService, ObjectMapper objectMapper)
      throws Exception {
    return http.securityMatcher(path("/engine-rest/**"))
        .authorizeHttpRequests(requests -> requests
            // checks any user's password, past the login throttle: for administrators only
            .requestMatchers(path("/engine-rest/identity/verify")).hasAuthority(Groups.ADMINS)
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(new ProblemAuthenticationEntryPoint(objectMapper)))
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(OWN_HEADERS)
        .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class)
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain camundaWebapps(HttpSecurity http, LoginThrottle throttle, ObjectMapper objectMapper)
      throws Exception {
    // the webapps authenticate every data request themselves and bring their own CSRF protection
    return http.securityMatcher(new OrRequestMatcher(path("/"), path("/camunda/**")))
        .authorizeHttpRequests(requests -> requests
            // checks any user's password, past the login throttle; no webapp uses it
            .requestMatchers(path("/camunda/api/engine/engine/*/identity/verify")).denyAll()
            .anyRequest().permitAll())
        .addFilterBefore(new WebappLoginThrottle(throttle, objectMapper), AuthorizationFilter.class)
        .csrf(AbstractHttpConfigurer::disable)
        .build();
  }

  /**
   * The web app's pages (the Leads page and lead pages for everybody who works leads, the dashboard, the reps'
   * capacity, the campaign costs) with a login form, a session and CSRF protection. The API calls those pages make
   * are served here too, through that session, and to scripts through HTTP Basic; a request that carries its
   * credentials in the Authorization header is not forged by another site, so it needs no CSRF token. An API key
   * opens none of them. Which leads a rep reads or changes the lead's controllers decide (lead.LeadAccess).
   */
  @Bean
  @Order(3)
  SecurityFilterChain pages(HttpSecurity http, ObjectMapper objectMapper) throws Exception {
    RequestMatcher leadsApi = new OrRequestMatcher(path(HttpMethod.GET, "/api/leads"),
        path(HttpMethod.GET, "/api/leads/*"), path(HttpMethod.PATCH, "/api/leads/*"),
        path(HttpMethod.GET, "/api/leads/*/timeline"));
    RequestMatcher managersApi = new OrRequestMatcher(path(HttpMethod.POST, "/api/leads/reassignments"),
        path(HttpMethod.PUT, "/api/leads/*/owner"), path("/api/admin/reps/*/out-of-office"),
        path(HttpMethod.PUT, "/api/admin/reps/*/capacity"));
    RequestMatcher api = new OrRequestMatcher(path("/api/metrics/**"), path("/api/planning/**"),
        path("/api/campaign-costs"), leadsApi, managersApi);
    return http.securityMatcher(new OrRequestMatcher(path("/dashboard"), path("/dashboard/**"), path("/leads"),
            path("/leads/*"), path("/reps"), path("/campaign-costs"), path("/assets/**"), path("/login"),
            path("/default-ui.css"), path("/favicon.ico"), path("/logout"), path("/webjars/**"), api))
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(path("/login"), path("/default-ui.css"), path("/favicon.ico"), path("/webjars/**"),
                path("/assets/**"))
            .permitAll()
            .requestMatchers(path("/leads"), path("/leads/*"), leadsApi).authenticated()
            .requestMatchers(managersApi, path("/reps")).hasAnyAuthority(Groups.SALES_MANAGERS, Groups.ADMINS)
            .requestMatchers(path(HttpMethod.GET, "/api/campaign-costs"))
            .hasAnyAuthority(Groups.MARKETING_OPS, Groups.SALES_MANAGERS, Groups.ADMINS)
            .requestMatchers(path("/campaign-costs"), path("/api/campaign-costs"))
            .hasAnyAuthority(Groups.MARKETING_OPS, Groups.ADMINS)
            .anyRequest().hasAnyAuthority(Groups.SALES_MANAGERS, Groups.MARKETING_OPS, Groups.ADMINS))
        .formLogin(login -> login.successHandler(new StartPage()).failureHandler(SecurityConfiguration::loginFailed))
        // back to the page exactly as it was asked for, without Spring's "?continue" marker on the address
        .requestCache(cache -> cache.requestCache(pageBeforeLogin()))
        .httpBasic(basic -> basic.authenticationEntryPoint(new ProblemAuthenticationEntryPoint(objectMapper)))
        .exceptionHandling(errors -> errors
            .defaultAuthenticationEntryPointFor(new ProblemAuthenticationEntryPoint(objectMapper), api)
            .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE))
        .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null))
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .headers(OWN_HEADERS)
        .build();
  }

  @Bean
  @Order(4)
  SecurityFilterChain application(HttpSecurity http, IdentityService identityService, ObjectMapper objectMapper,
      ApiKeys apiKeys) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests
            // an error page rendered for a request keeps that request's answer (e.g. a webapp's 404), no login prompt
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(path("/actuator/health"), path("/actuator/health/**")).permitAll()
            // public: the landing page (its post is rate-limited and has a honeypot), the signed unsubscribe and
            // re-subscription links, and the API description
            .requestMatchers(path("/landing"), path("/landing/**"), path("/unsubscribe"), path("/resubscribe"),
                path("/v3/api-docs"), path("/v3/api-docs.yaml"), path("/v3/api-docs/**"), path("/swagger-ui.html"),
                path("/swagger-ui/**"))
            .permitAll()
            .requestMatchers(path("/actuator/**")).hasAuthority(Groups.ADMINS)
            .requestMatchers(path("/api/demo/mailbox")).hasAnyAuthority(Groups.ADMINS, Groups.MARKETING_OPS,
                Groups.SALES_MANAGERS)
            // a rep's absence and capacity and a lead's owner are the managers' (the pages' chain above)
            .requestMatchers(path("/api/admin/**")).hasAuthority(Groups.ADMINS)
            // irreversible, and a data-protection duty rather than selling: not for reps or their managers
            .requestMatchers(path("/api/leads/*/erasure")).hasAnyAuthority(Groups.ADMINS, Groups.MARKETING_OPS)
            // capture: machine clients with an API key, and the people who capture leads by hand
            .requestMatchers(path(HttpMethod.POST, "/api/leads"), path(HttpMethod.POST, "/api/leads/imports"),
                path(HttpMethod.POST, "/api/leads/*/activities"), path(HttpMethod.POST, "/api/activities"))
            .hasAnyAuthority(ApiKeyAuthentication.AUTHORITY, Groups.ADMINS, Groups.MARKETING_OPS)
            .requestMatchers(path(HttpMethod.GET, "/api/leads/imports/*"))
            .hasAnyAuthority(Groups.ADMINS, Groups.MARKETING_OPS)
            // an API key captures, and may read nothing
            .anyRequest().access(AuthorizationManagers.allOf(AuthenticatedAuthorizationManager.authenticated(),
                AuthorizationManagers.not(AuthorityAuthorizationManager.hasAuthority(
                    ApiKeyAuthentication.AUTHORITY)))))
        .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, objectMapper), BasicAuthenticationFilter.class)
        .httpBasic(basic -> basic.authenticationEntryPoint(new ProblemAuthenticationEntryPoint(objectMapper)))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(new ProblemAuthenticationEntryPoint(objectMapper)))
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(OWN_HEADERS)
        .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class)
        .build();
  }

  private static HttpSessionRequestCache pageBeforeLogin() {
    HttpSessionRequestCache cache = new HttpSessionRequestCache();
    cache.setMatchingRequestParameterName(null);
    return cache;
  }

  /** A wrong password shows the login form again; a throttled login says how long to wait, with 429. */
  private static void loginFailed(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException exception) throws IOException {
    if (exception instanceof LoginThrottledException throttled) {
      throttled.retryAfter(response);
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      response.setContentType("text/html;charset=UTF-8");
      response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many "
          + "failed logins</title></head><body><p>" + HtmlUtils.htmlEscape(throttled.detail())
          + "</p><p><a href=\"/login\">Back to the login</a></p></body></html>");
      return;
    }
    response.sendRedirect(request.getContextPath() + "/login?error");
  }

  /**
   * Matches the whole request path. Camunda's webapp API and engine REST API are servlets of their own, which Spring
   * MVC's path matching (the default for string patterns) does not see.
   */
  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  private static RequestMatcher path(HttpMethod method, String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
  }
}
