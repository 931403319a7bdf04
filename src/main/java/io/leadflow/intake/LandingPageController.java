package io.leadflow.intake;

import io.leadflow.system.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The public endpoint of Leadflow's sample landing page (static/landing/index.html), a plain HTML form without
 * script. No login: a limit per client address and a honeypot field keep bots out. A good post is answered with the
 * thank-you page, a bad one with a page that names each field to correct.
 */
@Controller
class LandingPageController {

  /** Hidden from people by the page's style; a bot that fills every field fills it too. */
  static final String HONEYPOT = "website";
  private static final Logger LOG = LoggerFactory.getLogger(LandingPageController.class);

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

  @GetMapping({"/landing", "/landing/"})
  String page() {
    return "forward:/landing/index.html";
  }

  @PostMapping(path = "/landing/leads", consumes = "application/x-www-form-urlencoded")
  ModelAndView post(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request,
      HttpServletResponse response) {
    long wait = limiter.secondsToWait(request.getRemoteAddr(), Instant.now());
    if (wait > 0) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
      return new ModelAndView("landing/slow-down", Map.of("seconds", wait), HttpStatus.TOO_MANY_REQUESTS);
    }
    Map<String, String> fields = new java.util.LinkedHashMap<>(form.toSingleValueMap());
    String honeypot = fields.remove(HONEYPOT);
    if (honeypot != null && !honeypot.isBlank()) {
      // answered like a success, so that the bot learns nothing; nothing is stored
      LOG.info("Landing page post from {} filled the honeypot field; ignored", request.getRemoteAddr());
      return thankYou();
    }
    fields.put("sourceChannel", properties.landingPage().channel());
    NewLead lead = rules.clean(forms.lead(fields));
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

  @ExceptionHandler(InvalidRequestException.class)
  ModelAndView invalid(InvalidRequestException invalid) {
    return new ModelAndView("landing/invalid", Map.of("errors", invalid.errors()), HttpStatus.BAD_REQUEST);
  }
}
