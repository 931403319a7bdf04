package io.leadflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
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
 *   <li>the managers' dashboard: Leadflow's login page, session and CSRF protection; its figures also by HTTP
 *   Basic;</li>
 *   <li>everything else (Leadflow's API, Actuator): HTTP Basic; only the health probe is public.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain engineRestApi(HttpSecurity http, IdentityService identityService, ObjectMapper objectMapper)
      throws Exception {
    return http.securityMatcher(path("/engine-rest/**"))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(new ProblemAuthenticationEntryPoint(objectMapper)))
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class)
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
    // the webapps authenticate every data request themselves and bring their own CSRF protection
    return http.securityMatcher(new OrRequestMatcher(path("/"), path("/camunda/**")))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .build();
  }

  /**
   * The managers' dashboard is a browser page: a login form, a session and CSRF protection. Its figures under
   * /api/metrics and /api/planning serve the page through that session and scripts through HTTP Basic; a request that
   * carries its credentials in the Authorization header is not forged by another site, so it needs no CSRF token.
   */
  @Bean
  @Order(3)
  SecurityFilterChain dashboard(HttpSecurity http, ObjectMapper objectMapper) throws Exception {
    RequestMatcher api = new OrRequestMatcher(path("/api/metrics/**"), path("/api/planning/**"));
    return http.securityMatcher(new OrRequestMatcher(path("/dashboard"), path("/dashboard/**"), path("/login"),
            path("/default-ui.css"), path("/favicon.ico"), path("/logout"), path("/webjars/**"), api))
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(path("/login"), path("/default-ui.css"), path("/favicon.ico"), path("/webjars/**"))
            .permitAll()
            .anyRequest().hasAnyAuthority(Groups.SALES_MANAGERS, Groups.MARKETING_OPS, Groups.ADMINS))
        .formLogin(login -> login.defaultSuccessUrl("/dashboard", true))
        .httpBasic(basic -> basic.authenticationEntryPoint(new ProblemAuthenticationEntryPoint(objectMapper)))
        .exceptionHandling(errors -> errors
            .defaultAuthenticationEntryPointFor(new ProblemAuthenticationEntryPoint(objectMapper), api)
            .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE))
        .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null))
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .build();
  }

  @Bean
  @Order(4)
  SecurityFilterChain application(HttpSecurity http, IdentityService identityService, ObjectMapper objectMapper)
      throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests
            // an error page rendered for a request keeps that request's answer (e.g. a webapp's 404), no login prompt
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(path("/actuator/health"), path("/actuator/health/**")).permitAll()
            .requestMatchers(path("/actuator/**")).hasAuthority(Groups.ADMINS)
            .requestMatchers(path("/api/demo/mailbox")).hasAnyAuthority(Groups.ADMINS, Groups.MARKETING_OPS,
                Groups.SALES_MANAGERS)
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(new ProblemAuthenticationEntryPoint(objectMapper)))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(new ProblemAuthenticationEntryPoint(objectMapper)))
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class)
        .build();
  }

  /**
   * Matches the whole request path. Camunda's webapp API and engine REST API are servlets of their own, which Spring
   * MVC's path matching (the default for string patterns) does not see.
   */
  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }
}
