package io.leadflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Nothing is reachable without logging in. Three doors, one user store (Camunda's identity service):
 * <ul>
 *   <li>the engine REST API, which Camunda leaves open by default: HTTP Basic, the user handed to the engine so that its
 *   authorization checks apply;</li>
 *   <li>Tasklist, Cockpit and Admin under /camunda: their own login page, session and CSRF protection;</li>
 *   <li>everything else (Leadflow's API, Actuator): HTTP Basic; only the health probe is public.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain engineRestApi(HttpSecurity http, IdentityService identityService, ObjectMapper objectMapper)
      throws Exception {
    return http.securityMatcher("/engine-rest/**")
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
    return http.securityMatcher("/", "/camunda/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain application(HttpSecurity http, IdentityService identityService, ObjectMapper objectMapper)
      throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .requestMatchers("/actuator/**").hasAuthority(Groups.ADMINS)
            .requestMatchers("/api/demo/mailbox").hasAnyAuthority(Groups.ADMINS, Groups.MARKETING_OPS,
                Groups.SALES_MANAGERS)
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(new ProblemAuthenticationEntryPoint(objectMapper)))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(new ProblemAuthenticationEntryPoint(objectMapper)))
        .csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class)
        .build();
  }
}
