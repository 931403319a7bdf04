package io.leadflow.metrics;

import io.leadflow.system.NoNulCharacter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The funnel figures as JSON (period, filters and {@code rows}) or, with {@code Accept: text/csv} or
 * {@code format=csv}, the rows as CSV for a spreadsheet.
 */
@RestController
class MetricsController {

  static final int DEFAULT_DAYS = 90;
  static final int MAX_DAYS = 3 * 366;
  private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
  private static final List<String> FIGURES = List.of("volumes", "conversions", "velocity", "sla", "first-contact",
      "reps", "reasons", "revenue", "trends", "stuck");

  private final FunnelMetrics metrics;
  private final StuckLeads stuck;
  private final Clock clock;

  MetricsController(FunnelMetrics metrics, StuckLeads stuck) {
    this.metrics = metrics;
    this.stuck = stuck;
    this.clock = Clock.systemUTC();
  }

  @GetMapping("/api/metrics/{figure}")
  ResponseEntity<?> figure(@PathVariable String figure,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String segment, @RequestParam(required = false) String team,
      @RequestParam(required = false) String rep, @RequestParam(required = false) String channel,
      @RequestParam(required = false) String campaign, @RequestParam(defaultValue = "step") String by,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    if (!FIGURES.contains(figure)) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
          "There is no figure '" + figure + "'; the figures are " + FIGURES);
      problem.setTitle("Unknown figure");
      return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
    boolean csv = csv(format, accept);
    MetricsFilter filter = filter(from, to, segment, team, rep, channel, campaign);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("figure", figure);
    body.put("from", filter.from());
    body.put("to", filter.to());
    Map<String, String> filters = new LinkedHashMap<>();
    put(filters, "segment", segment);
    put(filters, "team", team);
    put(filters, "rep", rep);
    put(filters, "channel", channel);
    put(filters, "campaign", campaign);
    body.put("filters", filters);
    Class<? extends Record> type;
    List<? extends Record> rows;
    switch (figure) {
      case "volumes" -> {
        type = FunnelMetrics.Volume.class;
        rows = metrics.volumes(filter);
      }
      case "conversions" -> {
        type = FunnelMetrics.Conversion.class;
        rows = metrics.conversions(filter);
      }
      case "velocity" -> {
        type = FunnelMetrics.Velocity.class;
        rows = metrics.velocity(filter);
      }
      case "sla" -> {
        FunnelMetrics.SlaGrouping grouping = grouping(by);
        body.put("by", grouping.name().toLowerCase(Locale.ROOT));
        type = FunnelMetrics.SlaCompliance.class;
        rows = metrics.slaCompliance(filter, grouping);
      }
      case "first-contact" -> {
        FunnelMetrics.FirstContactReport report = metrics.firstContact(filter);
        body.put("accepted", report.accepted());
        body.put("contacted", report.contacted());
        body.put("medianHours", report.medianHours());
        body.put("p80Hours", report.p80Hours());
        type = FunnelMetrics.FirstContact.class;
        rows = report.buckets();
      }
      case "reps" -> {
        type = FunnelMetrics.RepAdherence.class;
        rows = metrics.reps(filter);
      }
      case "reasons" -> {
        type = FunnelMetrics.Reason.class;
        rows = metrics.reasons(filter);
      }
      case "revenue" -> {
        List<FunnelMetrics.CampaignRevenue> revenue = metrics.revenue(filter);
        body.put("wonRevenue", revenue.stream().map(FunnelMetrics.CampaignRevenue::wonRevenue)
            .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
        body.put("wonDeals", revenue.stream().mapToLong(FunnelMetrics.CampaignRevenue::wonDeals).sum());
        type = FunnelMetrics.CampaignRevenue.class;
        rows = revenue;
      }
      case "trends" -> {
        type = FunnelMetrics.Trend.class;
        rows = metrics.trends(filter);
      }
      default -> {
        // stuck leads are those stuck now; the period is the history their stage's typical time is measured on
        type = StuckLeads.StuckLead.class;
        rows = stuck.find(filter, java.time.Instant.now(clock));
      }
    }
    if (csv) {
      return ResponseEntity.ok().contentType(CSV)
          .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + figure + "-" + filter.from() + "-"
              + filter.to() + ".csv\"")
          .body(Csv.of(type, rows));
    }
    body.put("rows", rows);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  @ExceptionHandler(MetricsProblems.BadParameter.class)
  ResponseEntity<ProblemDetail> badParameter(MetricsProblems.BadParameter bad) {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(bad.problem());
  }

  MetricsFilter filter(LocalDate from, LocalDate to, String segment, String team, String rep, String channel,
      String campaign) {
    LocalDate end = to != null ? to : LocalDate.now(clock);
    LocalDate start = from != null ? from : end.minusDays(DEFAULT_DAYS - 1);
    if (start.isAfter(end)) {
      throw to != null ? new MetricsProblems.BadParameter("to", "must not be before from (" + start + ")")
          : new MetricsProblems.BadParameter("from", "must not be after to (" + end + ")");
    }
    if (start.plusDays(MAX_DAYS).isBefore(end)) {
      throw new MetricsProblems.BadParameter("from", "must be at most " + MAX_DAYS + " days before to");
    }
    String[] names = {"segment", "team", "rep", "channel", "campaign"};
    String[] values = {segment, team, rep, channel, campaign};
    for (int i = 0; i < names.length; i++) {
      // PostgreSQL cannot compare with it; it would fail the query
      if (values[i] != null && values[i].indexOf('\u0000') >= 0) {
        throw new MetricsProblems.BadParameter(names[i], NoNulCharacter.DETAIL);
      }
    }
    return new MetricsFilter(start, end, segment, team, rep, channel, campaign);
  }

  private static FunnelMetrics.SlaGrouping grouping(String by) {
    try {
      return FunnelMetrics.SlaGrouping.valueOf(by.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MetricsProblems.BadParameter("by", "must be one of step, team, rep");
    }
  }

  private static boolean csv(String format, String accept) {
    if (format != null) {
      return switch (format) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw new MetricsProblems.BadParameter("format", "must be json or csv");
      };
    }
    return accept != null && accept.contains("text/csv");
  }

  private static void put(Map<String, String> filters, String name, String value) {
    if (value != null && !value.isBlank()) {
      filters.put(name, value);
    }
  }
}
