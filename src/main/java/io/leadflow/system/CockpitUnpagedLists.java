package io.leadflow.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two calls of Cockpit's ask for a list without a page size, which the engine's hardening refuses
 * ({@code queryMaxResultsLimit}: "An unbound number of results is forbidden"), so its pages logged a 400:
 * <ul>
 *   <li>the version picker of a process or decision lists every version of the definition's key, sorted by version:
 *   it gets the limit as its page size;</li>
 *   <li>the Human Tasks dashboard looks up the names of the candidate groups it counted, with their number as page
 *   size; with none counted, its client drops both the empty id list and the page size of 0 and asks for all groups:
 *   it gets its page size of 0 back.</li>
 * </ul>
 * Only these calls are changed; every other list call through the webapps or the engine REST API still has to ask
 * for a page.
 */
@Configuration(proxyBeanMethods = false)
class CockpitUnpagedLists {

  /** The webapps' engine API: the list of a key's process or decision definitions. */
  private static final Pattern VERSION_LIST =
      Pattern.compile("/camunda/api/engine/engine/[^/]+/(process|decision)-definition");
  /** The webapps' engine API: the list of groups. */
  private static final Pattern GROUP_LIST = Pattern.compile("/camunda/api/engine/engine/[^/]+/group");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> cockpitUnpagedListsFilter(ProcessEngine engine) {
    int limit = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getQueryMaxResultsLimit();
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        HttpServletRequest paged = request;
        if (isVersionList(request)) {
          paged = new PageOf(request, limit);
        } else if (isLookupOfNoGroups(request)) {
          paged = new PageOf(request, 0);
        }
        chain.doFilter(paged, response);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/camunda/api/engine/engine/*");
    registration.setName("cockpitUnpagedLists");
    return registration;
  }

  static boolean isVersionList(HttpServletRequest request) {
    return "GET".equals(request.getMethod()) && VERSION_LIST.matcher(request.getRequestURI()).matches()
        && request.getParameter("key") != null && "version".equals(request.getParameter("sortBy"))
        && request.getParameter("maxResults") == null && request.getParameter("firstResult") == null;
  }

  static boolean isLookupOfNoGroups(HttpServletRequest request) {
    return "GET".equals(request.getMethod()) && GROUP_LIST.matcher(request.getRequestURI()).matches()
        && request.getQueryString() == null;
  }

  /** The request with the first page of {@code size} results asked for. */
  static final class PageOf extends HttpServletRequestWrapper {

    private final Map<String, String[]> parameters;
    private final String query;

    PageOf(HttpServletRequest request, int size) {
      super(request);
      parameters = new LinkedHashMap<>(request.getParameterMap());
      parameters.put("firstResult", new String[] {"0"});
      parameters.put("maxResults", new String[] {String.valueOf(size)});
      query = (request.getQueryString() == null ? "" : request.getQueryString() + "&") + "firstResult=0&maxResults="
          + size;
    }

    @Override
    public String getQueryString() {
      return query;
    }

    @Override
    public String getParameter(String name) {
      String[] values = parameters.get(name);
      return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      return parameters.get(name);
    }
  }
}
