package io.leadflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 *   <li>the Human Tasks dashboard looks up the names of the candidate groups it counted, putting its page size (their
 *   number) into the request's body, where the engine REST API does not read it: it gets that page size where the
 *   API reads it, in the query.</li>
 * </ul>
 * Only these calls are changed; every other list call through the webapps or the engine REST API still has to ask
 * for a page.
 */
@Configuration(proxyBeanMethods = false)
class CockpitUnpagedLists {

  /** The webapps' engine API: the list of a key's process or decision definitions. */
  private static final Pattern VERSION_LIST =
      Pattern.compile("/camunda/api/engine/engine/[^/]+/(process|decision)-definition");
  /** The webapps' engine API: the query for groups. */
  private static final Pattern GROUP_QUERY = Pattern.compile("/camunda/api/engine/engine/[^/]+/group");
  /** A group query's body is a few ids; a larger one is no lookup of Cockpit's. */
  private static final int MAX_GROUP_QUERY_BODY = 64 * 1024;

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> cockpitUnpagedListsFilter(ProcessEngine engine,
      ObjectMapper json) {
    int limit = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getQueryMaxResultsLimit();
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        HttpServletRequest paged = request;
        if (isVersionList(request)) {
          paged = new PageOf(request, limit, null);
        } else if (isUnpagedGroupQuery(request)) {
          byte[] start = request.getInputStream().readNBytes(MAX_GROUP_QUERY_BODY + 1);
          int size = start.length > MAX_GROUP_QUERY_BODY ? -1 : pageSizeIn(json, start, limit);
          paged = new PageOf(request, size < 0 ? null : size, start);
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
        && unpaged(request);
  }

  static boolean isUnpagedGroupQuery(HttpServletRequest request) {
    return "POST".equals(request.getMethod()) && GROUP_QUERY.matcher(request.getRequestURI()).matches()
        && unpaged(request);
  }

  private static boolean unpaged(HttpServletRequest request) {
    return request.getParameter("maxResults") == null && request.getParameter("firstResult") == null;
  }

  /** The page size a group query's body asks for, at most the limit; -1 when it asks for none. */
  static int pageSizeIn(ObjectMapper json, byte[] body, int limit) {
    try {
      JsonNode size = json.readTree(body).path("maxResults");
      return size.canConvertToInt() && size.intValue() >= 0 ? Math.min(size.intValue(), limit) : -1;
    } catch (IOException notJson) {
      return -1;
    }
  }

  /**
   * The request asking for the first page of {@code size} results (none: as it was), its body starting with the bytes
   * read from it already.
   */
  static final class PageOf extends HttpServletRequestWrapper {

    private final Map<String, String[]> parameters;
    private final String query;
    private final byte[] start;
    private ServletInputStream body;

    PageOf(HttpServletRequest request, Integer size, byte[] start) {
      super(request);
      this.start = start;
      parameters = new LinkedHashMap<>(request.getParameterMap());
      if (size == null) {
        query = request.getQueryString();
        return;
      }
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

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (start == null) {
        return super.getInputStream();
      }
      if (body == null) {
        body = join(new ByteArrayInputStream(start), super.getInputStream());
      }
      return body;
    }

    private static ServletInputStream join(ByteArrayInputStream read, ServletInputStream rest) {
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return read.available() > 0 ? read.read() : rest.read();
        }

        @Override
        public boolean isFinished() {
          return read.available() == 0 && rest.isFinished();
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("The body was read already");
        }
      };
    }

    @Override
    public BufferedReader getReader() throws IOException {
      return start == null ? super.getReader()
          : new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
