package io.leadflow.metrics;

import io.leadflow.system.InvalidRequestException;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each campaign cost per month, as marketing ops enter it: the divisor of the dashboard's cost per lead and cost
 * per MQL (FunnelMetrics' revenue figure). Amounts are in Leadflow's one currency ({@code leadflow.currency}).
 */
@Service
public class CampaignCosts {

  /** The first month a cost may be for; far enough back for any history worth measuring. */
  static final YearMonth FIRST_MONTH = YearMonth.of(2000, 1);
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
  private static final Pattern MARKUP_OR_CONTROL = Pattern.compile("[<>\\p{Cntrl}]");

  /** One campaign's cost in one month. */
  public record Cost(String campaign, YearMonth month, BigDecimal amount, String currency) {
  }

  private final JdbcTemplate jdbc;
  private final String currency;

  CampaignCosts(JdbcTemplate jdbc, @Value("${leadflow.currency:EUR}") String currency) {
    this.jdbc = jdbc;
    this.currency = currency;
  }

  public String currency() {
    return currency;
  }

  /** The costs of the months from {@code from} to {@code to}, newest month first. */
  @Transactional(readOnly = true)
  public List<Cost> list(YearMonth from, YearMonth to, String campaign) {
    return jdbc.query("""
        select campaign, month, amount, currency from leadflow.campaign_cost
        where month >= ? and month <= ? and (cast(? as varchar) is null or campaign = ?)
        order by month desc, campaign""",
        (row, index) -> new Cost(row.getString("campaign"), YearMonth.from(row.getDate("month").toLocalDate()),
            row.getBigDecimal("amount"), row.getString("currency")),
        Date.valueOf(from.atDay(1)), Date.valueOf(to.atDay(1)), campaign, campaign);
  }

  /**
   * Records the campaign's cost for the month, replacing what was recorded for it.
   *
   * @throws InvalidRequestException naming every bad field
   */
  @Transactional
  public Cost save(String campaign, YearMonth month, BigDecimal amount) {
    InvalidRequestException invalid = check(campaign, amount);
    checkMonth(month, invalid);
    invalid.throwIfAny();
    String name = campaign.strip();
    jdbc.update("""
        insert into leadflow.campaign_cost (campaign, month, amount, currency) values (?, ?, ?, ?)
        on conflict (campaign, month) do update set amount = excluded.amount, currency = excluded.currency""",
        name, Date.valueOf(month.atDay(1)), amount, currency);
    return new Cost(name, month, amount, currency);
  }

  /** The problems of a cost's campaign and amount, not thrown yet. */
  InvalidRequestException check(String campaign, BigDecimal amount) {
    InvalidRequestException invalid = new InvalidRequestException();
    if (campaign == null || campaign.isBlank()) {
      invalid.field("campaign", "is required");
    } else if (campaign.strip().length() > 100 || MARKUP_OR_CONTROL.matcher(campaign).find()) {
      invalid.field("campaign", "must be at most 100 characters without < > or control characters");
    }
    if (amount == null) {
      invalid.field("amount", "is required");
    } else if (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0 || amount.stripTrailingZeros().scale() > 2) {
      invalid.field("amount", "must be an amount in " + currency + " from 0 to " + MAX_AMOUNT.toPlainString()
          + " with at most two decimals");
    }
    return invalid;
  }

  /** @return whether there was a cost to remove */
  @Transactional
  public boolean delete(String campaign, YearMonth month) {
    return jdbc.update("delete from leadflow.campaign_cost where campaign = ? and month = ?", campaign,
        Date.valueOf(month.atDay(1))) > 0;
  }

  static void checkMonth(YearMonth month, InvalidRequestException invalid) {
    if (month == null) {
      invalid.field("month", "is required, as in 2026-03");
    } else if (month.isBefore(FIRST_MONTH) || month.isAfter(YearMonth.now().plusYears(2))) {
      invalid.field("month", "must be from " + FIRST_MONTH + " to two years ahead");
    }
  }
}
