package io.leadflow.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Funnel math backwards: revenue target ÷ deal size = deals; deals ÷ SQL→won = SQLs; ÷ SAL→SQL = SALs; ÷ MQL→SAL =
 * MQLs; ÷ inquiry→MQL = inquiries. Months get the target in proportion to their days in the period. Counts are
 * rounded up only at the end, so rounding does not compound down the funnel.
 */
@Service
@Transactional(readOnly = true)
public class FunnelPlanner {

  /** The measured rates come from the last year's cohorts. */
  static final int HISTORY_DAYS = 365;

  private final FunnelMetrics metrics;
  private final NamedParameterJdbcTemplate jdbc;

  FunnelPlanner(FunnelMetrics metrics, NamedParameterJdbcTemplate jdbc) {
    this.metrics = metrics;
    this.jdbc = jdbc;
  }

  public FunnelPlan.Answer plan(FunnelPlan.Request request, LocalDate today) {
    LocalDate historyTo = today.minusDays(1);
    LocalDate historyFrom = historyTo.minusDays(HISTORY_DAYS - 1);
    Map<String, BigDecimal> shares = shares(request.segment(), historyFrom, historyTo);
    List<FunnelPlan.Segment> segments = new ArrayList<>();
    double[] totals = new double[5];
    boolean complete = true;
    for (Map.Entry<String, BigDecimal> share : shares.entrySet()) {
      String segment = share.getKey();
      BigDecimal target = request.revenueTarget().multiply(share.getValue()).setScale(2, RoundingMode.HALF_UP);
      FunnelPlan.Rates rates = request.conversionRates();
      String source = "given";
      String note = null;
      if (rates == null) {
        source = "measured";
        rates = measured(segment, historyFrom, historyTo);
        if (rates == null) {
          note = "Too little history to measure every conversion of " + (segment == null ? "all leads" : segment)
              + " from " + historyFrom + " to " + historyTo + "; give conversionRates to plan it";
        }
      }
      if (rates == null) {
        complete = false;
        segments.add(new FunnelPlan.Segment(segment, share.getValue().doubleValue(), target, source, null, null, null,
            null, null, null, List.of(), note));
        continue;
      }
      double[] whole = needs(target, request.averageDealSize(), rates);
      List<FunnelPlan.Month> months = new ArrayList<>();
      long days = ChronoUnit.DAYS.between(request.from(), request.to()) + 1;
      for (LocalDate month = request.from().withDayOfMonth(1); !month.isAfter(request.to());
          month = month.plusMonths(1)) {
        LocalDate first = month.isBefore(request.from()) ? request.from() : month;
        LocalDate last = month.plusMonths(1).minusDays(1).isAfter(request.to()) ? request.to()
            : month.plusMonths(1).minusDays(1);
        BigDecimal monthTarget = target.multiply(BigDecimal.valueOf(ChronoUnit.DAYS.between(first, last) + 1))
            .divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
        double[] needs = needs(monthTarget, request.averageDealSize(), rates);
        months.add(new FunnelPlan.Month(month, monthTarget, up(needs[0]), up(needs[1]), up(needs[2]), up(needs[3]),
            up(needs[4])));
      }
      for (int i = 0; i < totals.length; i++) {
        totals[i] += whole[i];
      }
      segments.add(new FunnelPlan.Segment(segment, share.getValue().doubleValue(), target, source, rates,
          up(whole[0]), up(whole[1]), up(whole[2]), up(whole[3]), up(whole[4]), months, note));
    }
    return new FunnelPlan.Answer(request.revenueTarget(), request.averageDealSize(), request.from(), request.to(),
        historyFrom, historyTo, complete ? up(totals[0]) : null, complete ? up(totals[1]) : null,
        complete ? up(totals[2]) : null, complete ? up(totals[3]) : null, complete ? up(totals[4]) : null, segments);
  }

  private static double[] needs(BigDecimal target, BigDecimal dealSize, FunnelPlan.Rates rates) {
    double deals = target.divide(dealSize, MathContext.DECIMAL64).doubleValue();
    double sqls = deals / rates.sqlToWon();
    double sals = sqls / rates.salToSql();
    double mqls = sals / rates.mqlToSal();
    return new double[] {deals, sqls, sals, mqls, mqls / rates.inquiryToMql()};
  }

  /** Whole leads; a tiny excess from floating point (3.0000000001) is not a fourth lead. */
  private static Long up(double value) {
    return (long) Math.ceil(value - 1e-9);
  }

  private FunnelPlan.Rates measured(String segment, LocalDate from, LocalDate to) {
    List<FunnelMetrics.Conversion> conversions = metrics.conversions(new MetricsFilter(from, to, segment, null, null,
        null, null));
    Map<String, Double> rates = new LinkedHashMap<>();
    for (FunnelMetrics.Conversion conversion : conversions) {
      if (conversion.rate() == null || conversion.rate() == 0) {
        return null;
      }
      rates.put(conversion.fromStage() + ">" + conversion.toStage(), conversion.rate());
    }
    return new FunnelPlan.Rates(rates.get("INQUIRY>MQL"), rates.get("MQL>SAL"), rates.get("SAL>SQL"),
        rates.get("SQL>WON"));
  }

  /** Each segment's share of the target: its share of last year's won revenue, or equal shares. */
  private Map<String, BigDecimal> shares(String segment, LocalDate from, LocalDate to) {
    Map<String, BigDecimal> shares = new LinkedHashMap<>();
    if (segment != null && !segment.isBlank()) {
      shares.put(segment, BigDecimal.ONE);
      return shares;
    }
    Map<String, Object> parameters = new MetricsFilter(from, to, null, null, null, null, null).parameters();
    Map<String, BigDecimal> revenue = new LinkedHashMap<>();
    jdbc.query("""
        select l.segment, coalesce(sum(o.amount) filter (where o.stage = 'WON' and o.closed_at >= :start
          and o.closed_at < :end), 0) as revenue
        from leadflow.lead l left join leadflow.opportunity o on o.lead_id = l.id
        where l.segment is not null and l.created_at < :end
        group by l.segment order by l.segment""", parameters,
        row -> {
          revenue.put(row.getString("segment"), row.getBigDecimal("revenue"));
        });
    if (revenue.isEmpty()) {
      shares.put(null, BigDecimal.ONE);
      return shares;
    }
    BigDecimal total = revenue.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    revenue.forEach((name, amount) -> shares.put(name, total.signum() == 0
        ? BigDecimal.ONE.divide(BigDecimal.valueOf(revenue.size()), 4, RoundingMode.HALF_UP)
        : amount.divide(total, 4, RoundingMode.HALF_UP)));
    return shares;
  }
}
