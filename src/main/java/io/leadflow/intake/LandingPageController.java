package io.leadflow.intake;

import io.leadflow.system.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.leadflow.system.FieldProblem;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Leadflow's sample landing page (templates/landing/index.html), a plain HTML form without script, and the public
 * endpoint it posts to. No login: a limit per client address and a honeypot field keep bots out, and a limit per email
 * address keeps anyone from filling a stranger's mailbox with acknowledgements. A good post is answered with the
 * thank-you page, a bad one with the form again, as it was typed, naming each field to correct. What a post says
 * about a known person is not trusted ({@link CaptureSource#untrusted}).
 */
@Controller
class LandingPageController {

  /** Hidden from people by the page's style; a bot that fills every field fills it too. */
  static final String HONEYPOT = "website";
  private static final Logger LOG = LoggerFactory.getLogger(LandingPageController.class);
  /** The sample page's campaign and asset, as hidden fields. */
  private static final Map<String, String> PAGE_FIELDS = orderedMap("campaign", "spring-webinar",
      "asset", "webinar-recording", "requestType", "CONTENT_DOWNLOAD", "interest", "speed to lead");
  private static final Set<String> VISIBLE = Set.of("email", "firstName", "lastName", "company", "jobTitle",
      "country", "phone", "marketingConsent");
  private static final Map<String, String> COUNTRIES = orderedMap("DE", "Germany", "AT", "Austria", "CH",
      "Switzerland", "FR", "France", "GB", "United Kingdom", "NL", "Netherlands", "US", "United States", "CA", "Canada",
      "BR", "Brazil");

  private final LeadIntake intake;
  private final LeadDataRules rules;
  private final FormFields forms;
  private final LandingPageRateLimiter limiter;
  private final IntakeProperties properties;

  LandingPageController(LeadIntake intake, LeadDataRules rules, FormFields forms, LandingPageRateLimiter limiter,
      IntakeProperties properties) {
    this.intake = intake;
    this.rules = rules;
    this.forms = forms;
    this.limiter = limiter;
    this.properties = properties;
  }

  @GetMapping({"/landing", "/landing/", "/landing/index.html"})
  ModelAndView page() {
    return form("landing/index", PAGE_FIELDS, List.of(), HttpStatus.OK);
  }

  @PostMapping(path = "/landing/leads", consumes = "application/x-www-form-urlencoded")
  ModelAndView post(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request,
      HttpServletResponse response) {
    long wait = limiter.secondsToWait(request.getRemoteAddr(), Instant.now());
    if (wait > 0) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
      return new ModelAndView("landing/slow-down", Map.of("seconds", wait, "perEmailAddress", false),
          HttpStatus.TOO_MANY_REQUESTS);
    }
    Map<String, String> fields = new LinkedHashMap<>(form.toSingleValueMap());
    String honeypot = fields.remove(HONEYPOT);
    if (honeypot != null && !honeypot.isBlank()) {
      // answered like a success, so that the bot learns nothing; nothing is stored
      LOG.info("Landing page post from {} filled the honeypot field; ignored", request.getRemoteAddr());
      return thankYou();
    }
    Map<String, String> typed = new LinkedHashMap<>(fields);
    fields.put("sourceChannel", properties.landingPage().channel());
    NewLead lead;
    try {
      lead = rules.clean(forms.lead(fields));
    } catch (InvalidRequestException invalid) {
      return form("landing/invalid", typed, invalid.errors(), HttpStatus.BAD_REQUEST);
    }
    long recipientWait = lead.email() == null ? 0 : limiter.secondsToWaitFor(lead.email(), Instant.now());
    if (recipientWait > 0) {
      LOG.info("Landing page post from {} for an address posted {} times already; refused",
          request.getRemoteAddr(), properties.landingPage().requestsPerEmailAddress());
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(recipientWait));
      return new ModelAndView("landing/slow-down", Map.of("seconds", recipientWait, "perEmailAddress", true,
          "wait", inWords(recipientWait)), HttpStatus.TOO_MANY_REQUESTS);
    }
    String page = request.getHeader("Referer") != null ? request.getHeader("Referer")
        : request.getRequestURL().toString();
    intake.capture(lead, CaptureSource.untrusted(properties.landingPage().channel()).where("landing page " + page
        + (lead.campaign() == null ? "" : " (" + lead.campaign() + ")")));
    return thankYou();
  }

  /** 303: the browser shows the thank-you page with GET, and reloading it posts nothing again. */
  private static ModelAndView thankYou() {
    RedirectView redirect = new RedirectView("/landing/thank-you.html", true);
    redirect.setStatusCode(HttpStatus.SEE_OTHER);
    return new ModelAndView(redirect);
  }

  /** The form with what it holds and what is wrong with it, each field's problems in one line. */
  private static ModelAndView form(String view, Map<String, String> values, List<FieldProblem> errors,
      HttpStatus status) {
    Map<String, String> fieldErrors = errors.stream().collect(Collectors.groupingBy(FieldProblem::field,
        LinkedHashMap::new, Collectors.mapping(FieldProblem::detail, Collectors.joining("; "))));
    return new ModelAndView(view, Map.of("values", values, "errors", errors, "fieldErrors", fieldErrors,
        "countries", COUNTRIES, "visible", VISIBLE), status);
  }

  private static String inWords(long seconds) {
    long hours = seconds / 3600;
    long minutes = (seconds + 59) / 60;
    return hours >= 1 ? hours + (hours == 1 ? " hour" : " hours") : minutes + (minutes == 1 ? " minute" : " minutes");
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int index = 0; index < keysAndValues.length; index += 2) {
      map.put(keysAndValues[index], keysAndValues[index + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
