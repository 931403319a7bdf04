package io.leadflow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Requests refused before any controller sees them are answered with a problem+json too, not with a container's HTML
 * page or Spring Boot's own JSON: Tomcat's refusals of what it cannot parse (a NUL or a broken %-escape in the path,
 * oversized or malformed headers, an unknown HTTP version), the security firewall's ({@code //}, {@code ..},
 * {@code ;} in a path, an unknown method; checked before any of Spring Security's filters) and whatever else ends on
 * the error page, unless a browser asks for it (it gets a page). A malformed Accept header does not stop a problem
 * from being written either.
 */
@Configuration(proxyBeanMethods = false)
class ProtocolProblems {

  /** Replaces the host's HTML error report valve, which answers for requests that never reach the application. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve(ObjectMapper objectMapper) {
    return new OrderedCustomizer(objectMapper);
  }

  /** Runs after Spring Boot's own customizer, which adds Tomcat's HTML valve. */
  private record OrderedCustomizer(ObjectMapper objectMapper)
      implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(context -> {
        StandardHost host = (StandardHost) context.getParent();
        Pipeline pipeline = host.getPipeline();
        for (Valve valve : pipeline.getValves()) {
          if (valve instanceof ErrorReportValve) {
            pipeline.removeValve(valve);
          }
        }
        pipeline.addValve(new ProblemReportValve(objectMapper));
        // the host adds a valve of this class when it starts unless it finds one
        host.setErrorReportValveClass(ProblemReportValve.class.getName());
      });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }

  /** The security firewall, Spring Security's default, as one bean for both places it runs (below). */
  @Bean
  StrictHttpFirewall httpFirewall() {
    return new StrictHttpFirewall();
  }

  /**
   * The firewall once more, before any of Spring Security's filters: they work out the request's path first, and for
   * a path that is not normalized ({@code //engine-rest/task}, {@code /./engine-rest/task}) and mapped to a servlet
   * other than Spring MVC's, such as the engine REST API, that failed with a 500 before the firewall could refuse it
   * (the same as camunda/camunda#39963).
   */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> firewallFirst(StrictHttpFirewall firewall,
      RequestRejectedHandler rejected) {
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        try {
          firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException refused) {
          rejected.handle(request, response, refused);
          return;
        }
        chain.doFilter(request, response);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
    return registration;
  }

  /** The security firewall's refusals, written at once: its default sends them to the error page, which it refuses. */
  @Bean
  RequestRejectedHandler problemForRejectedRequest(ObjectMapper objectMapper) {
    return (request, response, rejected) -> ProblemResponses.write(response, objectMapper,
        ProblemResponses.refused(HttpServletResponse.SC_BAD_REQUEST, rejected.getMessage() + ". Nothing was done.",
            request.getRequestURI()));
  }

  /**
   * A malformed Accept header is disregarded, as RFC 9110 allows, rather than answered with an empty body: Spring MVC
   * can write no problem for a client whose Accept it cannot read.
   */
  @Bean
  WebMvcConfigurer malformedAcceptDisregarded() {
    HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();
    return new WebMvcConfigurer() {
      @Override
      public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(request -> {
          try {
            return header.resolveMediaTypes(request);
          } catch (HttpMediaTypeNotAcceptableException malformed) {
            return ContentNegotiationStrategy.MEDIA_TYPE_ALL_LIST;
          }
        }));
      }
    };
  }

  /**
   * The error page: every error that no controller answered. A browser (a client that asks for HTML before JSON) gets
   * a page that says what happened and where to go; every other client a problem, whatever it accepts.
   */
  @Controller
  static class ProblemErrorPage implements ErrorController {

    private static final SecurityContextRepository SESSIONS = new HttpSessionSecurityContextRepository();

    private final ObjectMapper objectMapper;

    ProblemErrorPage(ObjectMapper objectMapper) {
      this.objectMapper = objectMapper;
    }

    @RequestMapping("${server.error.path:/error}")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
      Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
      Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
      int status = code instanceof Integer known && known >= 400 ? known : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
      if (wantsHtml(request)) {
        Map<String, Object> model = new HashMap<>();
        model.put("status", status);
        model.put("user", user(request));
        return new ModelAndView("error/page", model, HttpStatusCode.valueOf(status));
      }
      ProblemResponses.write(response, objectMapper, ProblemResponses.refused(status, null,
          path instanceof String uri ? uri : request.getRequestURI()));
      return null;
    }

    /**
     * Who is logged in: on the error dispatch the API's stateless chain runs, which does not know the login of a
     * page's session (the dashboard's), so that is read too.
     */
    private static String user(HttpServletRequest request) {
      if (request.getUserPrincipal() != null) {
        return request.getUserPrincipal().getName();
      }
      Authentication session = SESSIONS.loadDeferredContext(request).get().getAuthentication();
      return session == null || session instanceof AnonymousAuthenticationToken ? null : session.getName();
    }

    /** Browsers put text/html first; API clients, scripts and the webapps' own requests ask for JSON or anything. */
    static boolean wantsHtml(HttpServletRequest request) {
      String accept = request.getHeader(HttpHeaders.ACCEPT);
      if (accept == null) {
        return false;
      }
      try {
        double html = 0;
        double json = 0;
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
          if (type.equalsTypeAndSubtype(MediaType.TEXT_HTML)) {
            html = Math.max(html, type.getQualityValue());
          } else if (type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)
              || type.equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON)) {
            json = Math.max(json, type.getQualityValue());
          }
        }
        return html > 0 && html > json;
      } catch (InvalidMediaTypeException malformed) {
        return false;
      }
    }
  }

  /** Tomcat's error report for requests it refused itself, as a problem. */
  static final class ProblemReportValve extends ErrorReportValve {

    private final ObjectMapper objectMapper;

    ProblemReportValve(ObjectMapper objectMapper) {
      this.objectMapper = objectMapper;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      // as Tomcat's own report: not for success, not over what was written, and once
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      AtomicBoolean ioAllowed = new AtomicBoolean();
      response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
      if (!ioAllowed.get()) {
        return;
      }
      String detail = null;
      // Tomcat's 501 (CONNECT, an unknown transfer coding) and 505 (HTTP/2.0 on this port) refuse what the client
      // sent; answered as the client's error they do not count as failures of the server
      if (status == HttpServletResponse.SC_NOT_IMPLEMENTED
          || status == HttpServletResponse.SC_HTTP_VERSION_NOT_SUPPORTED) {
        detail = status == HttpServletResponse.SC_NOT_IMPLEMENTED
            ? "The request's method or transfer coding is not supported here. Nothing was done."
            : "Only HTTP/1.1 and HTTP/1.0 are spoken here. Nothing was done.";
        status = HttpServletResponse.SC_BAD_REQUEST;
        response.setStatus(status);
      }
      try {
        String problem = objectMapper.writeValueAsString(
            ProblemResponses.refused(status, detail, request.getRequestURI()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write(problem);
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException clientGone) {
        // nobody left to tell
      }
    }
  }
}
