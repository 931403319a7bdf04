package io.leadflow.metrics;

import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The managers' dashboard: a page whose script draws the figures of /api/metrics and asks /api/planning. Its filters
 * offer the values that exist.
 */
@Controller
class DashboardController {

  private final FilterChoices choices;

  DashboardController(FilterChoices choices) {
    this.choices = choices;
  }

  @GetMapping("/dashboard")
  String dashboard(Principal user, Model model) {
    model.addAttribute("user", user.getName());
    model.addAttribute("choices", choices.choices());
    return "dashboard";
  }
}
