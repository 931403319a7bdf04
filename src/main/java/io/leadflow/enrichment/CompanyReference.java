package io.leadflow.enrichment;

import io.leadflow.intake.Industry;
import io.leadflow.system.InvalidRequestException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The built-in enrichment: company facts by web domain in table {@code company_reference}, loaded by an administrator
 * as CSV ({@code domain,name,industry,companySize}). A load is all or nothing: one bad line refuses the whole file,
 * naming every bad line and field.
 */
@Service
public class CompanyReference implements CompanyEnrichment {

  static final int MAX_ROWS = 100_000;
  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
      .setIgnoreEmptyLines(true).setTrim(true).get();
  private static final List<String> COLUMNS = List.of("domain", "name", "industry", "companySize");
  private static final Pattern DOMAIN = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+"
      + "[a-z]{2,63}");
  private static final Pattern MARKUP_OR_CONTROL = Pattern.compile("[<>\\p{Cntrl}]");

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  CompanyReference(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.ownTransaction.setReadOnly(true);
  }

  @Override
  public Optional<CompanyFacts> find(String domain) {
    // in a transaction of its own, like a call to another system: a failure here must not spoil the caller's
    try {
      return ownTransaction.execute(status -> jdbc.query("select domain, name, industry, company_size "
              + "from leadflow.company_reference where domain = ?",
          (row, index) -> new CompanyFacts(row.getString("domain"), row.getString("name"), row.getString("industry"),
              (Integer) row.getObject("company_size")), domain.toLowerCase(Locale.ROOT)).stream().findFirst());
    } catch (DataAccessException unreadable) {
      throw new EnrichmentUnavailableException("The company reference table cannot be read: "
          + unreadable.getMostSpecificCause().getMessage(), unreadable);
    }
  }

  /** Adds or replaces the companies of the CSV; @return how many lines were loaded */
  @Transactional
  public int load(Reader csv) {
    List<CompanyFacts> companies = new ArrayList<>();
    InvalidRequestException problems = new InvalidRequestException();
    try (CSVParser parser = CSV.parse(csv)) {
      if (!parser.getHeaderNames().containsAll(COLUMNS)) {
        problems.field("header", "must name the columns " + String.join(",", COLUMNS)).throwIfAny();
      }
      Set<String> seen = new HashSet<>();
      for (CSVRecord record : parser) {
        if (record.getRecordNumber() > MAX_ROWS) {
          problems.field("file", "has more than " + MAX_ROWS + " lines").throwIfAny();
        }
        CompanyFacts company = company(record, "line " + (record.getRecordNumber() + 1), problems);
        if (company != null && !seen.add(company.domain())) {
          problems.field("line " + (record.getRecordNumber() + 1) + ": domain", "appears twice in the file");
        }
        companies.add(company);
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException unreadable) {
      problems.field("file", "is not a readable CSV file: " + unreadable.getMessage()).throwIfAny();
    }
    problems.throwIfAny();
    Timestamp now = Timestamp.from(ClockUtil.now().toInstant());
    jdbc.batchUpdate("""
        insert into leadflow.company_reference (domain, name, industry, company_size, updated_at)
        values (?, ?, ?, ?, ?)
        on conflict (domain) do update set name = excluded.name, industry = excluded.industry,
          company_size = excluded.company_size, updated_at = excluded.updated_at""",
        companies.stream().map(c -> new Object[] {c.domain(), c.name(), c.industry(), c.companySize(), now}).toList());
    return companies.size();
  }

  private static CompanyFacts company(CSVRecord record, String line, InvalidRequestException problems) {
    String domain = value(record, "domain");
    String name = value(record, "name");
    String industry = value(record, "industry");
    String size = value(record, "companySize");
    boolean valid = true;
    if (domain == null || !DOMAIN.matcher(domain.toLowerCase(Locale.ROOT)).matches()) {
      problems.field(line + ": domain", "must be a web domain such as example.com");
      valid = false;
    }
    if (name != null && (name.length() > 200 || MARKUP_OR_CONTROL.matcher(name).find())) {
      problems.field(line + ": name", "must be at most 200 characters without < > or control characters");
      valid = false;
    }
    if (industry != null && !isIndustry(industry)) {
      problems.field(line + ": industry", "must be one of " + List.of(Industry.values()));
      valid = false;
    }
    Integer companySize = null;
    if (size != null) {
      try {
        companySize = Integer.valueOf(size);
      } catch (NumberFormatException notANumber) {
        companySize = -1;
      }
      if (companySize < 1 || companySize > 10_000_000) {
        problems.field(line + ": companySize", "must be a whole number of employees from 1 to 10,000,000");
        valid = false;
      }
    }
    return valid ? new CompanyFacts(domain.toLowerCase(Locale.ROOT), name, industry, companySize) : null;
  }

  private static boolean isIndustry(String value) {
    for (Industry industry : Industry.values()) {
      if (industry.name().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static String value(CSVRecord record, String column) {
    String value = record.isMapped(column) && record.isSet(column) ? record.get(column) : null;
    return value == null || value.isBlank() ? null : value;
  }
}
