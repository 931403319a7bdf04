package io.leadflow.metrics;

import io.leadflow.lead.LeadSearch;
import io.leadflow.security.Navigation;
import java.time.YearMonth;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Marketing ops' page for what each campaign cost per month, the divisor of the dashboard's cost per lead. */
@Controller
class CampaignCostPageController {

  private final CampaignCosts costs;
  private final LeadSearch leads;

  CampaignCostPageController(CampaignCosts costs, LeadSearch leads) {
    this.costs = costs;
    this.leads = leads;
  }

  @GetMapping("/campaign-costs")
  String page(Authentication user, Model model) {
    YearMonth now = YearMonth.now();
    model.addAttribute("nav", Navigation.of(user));
    model.addAttribute("costs", costs.list(now.minusMonths(23), now.plusMonths(12), null));
    model.addAttribute("campaigns", leads.campaigns());
    model.addAttribute("currency", costs.currency());
    model.addAttribute("thisMonth", now);
    return "campaign-costs";
  }
}
