package io.leadflow.metrics;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The question to the funnel planner and its answer. */
public final class FunnelPlan {

  private FunnelPlan() {
  }

  /**
   * @param revenueTarget the new revenue the period must bring
   * @param averageDealSize the average won deal
   * @param from first day of the period
   * @param to last day of the period
   * @param segment plan this segment only; without it, the target is split over the segments by their share of won
   *     revenue in the last year (equally when nothing was won)
   * @param conversionRates rates to plan with instead of the measured ones
   */
  public record Request(@NotNull @Positive BigDecimal revenueTarget, @NotNull @Positive BigDecimal averageDealSize,
      @NotNull LocalDate from, @NotNull LocalDate to, @Size(max = 20) String segment, @Valid Rates conversionRates) {
  }

  /** The four conversion rates between the funnel's stages, each a share between 0 (exclusive) and 1. */
  public record Rates(
      @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double inquiryToMql,
      @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double mqlToSal,
      @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double salToSql,
      @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double sqlToWon) {
  }

  /** What each month of one segment needs, rounded up to whole leads. */
  public record Month(LocalDate month, BigDecimal revenueTarget, Long deals, Long sqls, Long sals, Long mqls,
      Long inquiries) {
  }

  /**
   * One segment's plan. Without usable conversion rates (none given, and too little history), the counts are null and
   * {@code note} says why.
   */
  public record Segment(String segment, double revenueShare, BigDecimal revenueTarget, String ratesSource,
      Rates conversionRates, Long deals, Long sqls, Long sals, Long mqls, Long inquiries, List<Month> months,
      String note) {
  }

  public record Answer(BigDecimal revenueTarget, BigDecimal averageDealSize, LocalDate from, LocalDate to,
      LocalDate historyFrom, LocalDate historyTo, Long deals, Long sqls, Long sals, Long mqls, Long inquiries,
      List<Segment> segments) {
  }
}
