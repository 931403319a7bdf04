package io.leadflow.metrics;

import jakarta.validation.Valid;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The funnel planner: how many leads of each stage a revenue target needs, per segment and month. */
@RestController
class PlanningController {

  static final int MAX_PERIOD_DAYS = 3 * 366;

  private final FunnelPlanner planner;

  PlanningController(FunnelPlanner planner) {
    this.planner = planner;
  }

  @PostMapping(path = "/api/planning/funnel", produces = MediaType.APPLICATION_JSON_VALUE)
  FunnelPlan.Answer plan(@Valid @RequestBody FunnelPlan.Request request) {
    if (request.to().isBefore(request.from())) {
      throw new MetricsProblems.BadParameter("to", "must not be before from (" + request.from() + ")");
    }
    if (ChronoUnit.DAYS.between(request.from(), request.to()) >= MAX_PERIOD_DAYS) {
      throw new MetricsProblems.BadParameter("to", "must be less than " + MAX_PERIOD_DAYS + " days after from");
    }
    return planner.plan(request, LocalDate.now(ZoneOffset.UTC));
  }

  @ExceptionHandler(MetricsProblems.BadParameter.class)
  ResponseEntity<ProblemDetail> badParameter(MetricsProblems.BadParameter bad) {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(bad.problem());
  }
}
