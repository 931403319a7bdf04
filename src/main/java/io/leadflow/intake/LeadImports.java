package io.leadflow.intake;

import io.leadflow.lead.PersonalData;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import io.leadflow.system.RetryingTransactions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * CSV imports of trade-show and purchased lists. The upload is streamed to a file under
 * {@code leadflow.intake.imports.directory} (never held in memory) and imported row by row in the background: each row
 * goes through the same rules as the API and is captured in a transaction of its own together with the import's
 * counters, so the progress report is always exact and a node that dies mid-import resumes after the last row it
 * committed. The same file uploaded again for the same channel and campaign is the same import; the same person
 * listed again (in the file or in another file of the campaign) is recorded once.
 */
@Service
public class LeadImports {

  private static final Logger LOG = LoggerFactory.getLogger(LeadImports.class);
  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
      .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).setTrim(true).get();
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
  private static final Set<String> COLUMNS = Set.of("email", "firstName", "lastName", "company", "jobTitle", "phone",
      "country", "asset", "interest", "industry", "companySize", "jobLevel", "persona", "budget", "authority", "need",
      "timeframe", "marketingConsent", "followUpOn", "followUpReason", "note");

  /** What an upload became. */
  public record Submitted(UUID id, boolean again) {
  }

  private final JdbcTemplate jdbc;
  private final LeadIntake intake;
  private final LeadDataRules rules;
  private final FormFields forms;
  private final RetryingTransactions transactions;
  private final IntakeProperties.Imports properties;
  // one import at a time per node: a list is background work and must not starve the live capture channels
  private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "lead-import");
    thread.setDaemon(true);
    return thread;
  });

  LeadImports(JdbcTemplate jdbc, LeadIntake intake, LeadDataRules rules, FormFields forms,
      RetryingTransactions transactions, IntakeProperties properties) {
    this.jdbc = jdbc;
    this.intake = intake;
    this.rules = rules;
    this.forms = forms;
    this.transactions = transactions;
    this.properties = properties.imports();
  }

  /**
   * Keeps the upload and queues its import; an upload of a file already imported for the channel and campaign
   * answers that import instead.
   *
   * @throws InvalidRequestException naming the bad parameter, or {@code file} for a file without the expected header
   */
  public Submitted submit(InputStream upload, String fileName, String channel, String campaign,
      RequestType requestType, String capturedBy) throws IOException {
    List<FieldProblem> problems = new ArrayList<>();
    if (channel == null || !rules.channels().contains(channel)) {
      problems.add(new FieldProblem("channel", "must be one of " + rules.channels()));
    }
    if (campaign != null && (campaign.length() > 100 || campaign.chars().anyMatch(Character::isISOControl))) {
      problems.add(new FieldProblem("campaign", "must be at most 100 characters without control characters"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    Files.createDirectories(properties.directory());
    Path upload0 = Files.createTempFile(properties.directory(), "upload-", ".csv");
    try {
      String sha256 = copy(upload, upload0);
      checkFile(upload0);
      UUID id = UUID.randomUUID();
      int inserted = jdbc.update("""
          insert into leadflow.lead_import (id, file_sha256, file_name, channel, campaign, request_type, status,
            created_at, created_by) values (?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?) on conflict do nothing""",
          id, sha256, abbreviate(fileName), channel, campaign, requestType(channel, requestType).name(),
          Timestamp.from(ClockUtil.now().toInstant()), capturedBy);
      if (inserted == 0) {
        return new Submitted(jdbc.queryForObject("""
            select id from leadflow.lead_import
            where file_sha256 = ? and channel = ? and coalesce(campaign, '') = coalesce(?, '')""",
            UUID.class, sha256, channel, campaign), true);
      }
      Files.move(upload0, file(id), StandardCopyOption.ATOMIC_MOVE);
      worker.execute(() -> run(id));
      return new Submitted(id, false);
    } finally {
      Files.deleteIfExists(upload0);
    }
  }

  /**
   * An erased person's rows in the files imports keep (queued, running, failed): each becomes a row of empty values,
   * which the import refuses if it still reaches it. Every other row keeps its place and its line, so the import
   * resumes and reports lines as before. A row is the person's when it has their email or phone, or their first and
   * last name.
   */
  public void erase(PersonalData person) throws IOException {
    if (!Files.isDirectory(properties.directory())) {
      return;
    }
    try (var files = Files.newDirectoryStream(properties.directory(), "*.csv")) {
      for (Path file : files) {
        if (isImportFile(file)) {
          eraseRows(file, person);
        }
      }
    }
  }

  private static boolean isImportFile(Path file) {
    try {
      UUID.fromString(file.getFileName().toString().replaceFirst("\\.csv$", ""));
      return true;
    } catch (IllegalArgumentException upload) {
      return false;
    }
  }

  private static void eraseRows(Path file, PersonalData person) throws IOException {
    List<long[]> spans = new ArrayList<>();
    int columns;
    try (Reader reader = open(file); CSVParser parser = CSV.parse(reader)) {
      columns = parser.getHeaderNames().size();
      // from the row's first character to the next row's: its line breaks and any blank lines after it
      long[] span = null;
      for (CSVRecord record : parser) {
        if (span != null) {
          span[1] = record.getCharacterPosition();
          span = null;
        }
        if (isPerson(record, person)) {
          span = new long[] {record.getCharacterPosition(), Long.MAX_VALUE};
          spans.add(span);
        }
      }
    }
    if (spans.isEmpty()) {
      return;
    }
    Path rewritten = Files.createTempFile(file.getParent(), "erasure-", ".tmp");
    try (Reader in = open(file); Writer out = Files.newBufferedWriter(rewritten, StandardCharsets.UTF_8)) {
      long position = 0;
      int next;
      for (long[] span : spans) {
        for (; position < span[0]; position++) {
          out.write(in.read());
        }
        out.write(",".repeat(Math.max(0, columns - 1)));
        // the line breaks of the row stay, so every later row keeps its line number
        boolean carriageReturn = false;
        for (; position < span[1] && (next = in.read()) != -1; position++) {
          if (next == '\n' || next == '\r') {
            if (!(next == '\n' && carriageReturn)) {
              out.write('\n');
            }
          }
          carriageReturn = next == '\r';
        }
      }
      in.transferTo(out);
    }
    Files.move(rewritten, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean isPerson(CSVRecord record, PersonalData person) {
    String email = person.email() == null ? "" : person.email().strip();
    String phone = digits(person.phone());
    for (String value : record) {
      if (!email.isEmpty() && email.equalsIgnoreCase(value) || phone.length() >= 7 && phone.equals(digits(value))) {
        return true;
      }
    }
    return person.firstName() != null && person.lastName() != null && record.isMapped("firstName")
        && record.isMapped("lastName") && record.isSet("firstName") && record.isSet("lastName")
        && person.firstName().strip().equalsIgnoreCase(record.get("firstName"))
        && person.lastName().strip().equalsIgnoreCase(record.get("lastName"));
  }

  private static String digits(String text) {
    return text == null ? "" : text.replaceAll("[^0-9]", "");
  }

  /** After a restart: imports this node had queued or was running go on where they stopped. */
  @EventListener(ApplicationReadyEvent.class)
  void resume() {
    jdbc.queryForList("select id from leadflow.lead_import where status in ('QUEUED', 'RUNNING') order by created_at",
        UUID.class).stream().filter(id -> Files.exists(file(id))).forEach(id -> worker.execute(() -> run(id)));
  }

  void run(UUID id) {
    Map<String, Object> job = jdbc.queryForMap(
        "select channel, campaign, request_type, rows_read, created_by, file_name from leadflow.lead_import where id = ?",
        id);
    long done = ((Number) job.get("rows_read")).longValue();
    jdbc.update("update leadflow.lead_import set status = 'RUNNING' where id = ?", id);
    try (Reader reader = open(file(id)); CSVParser parser = CSV.parse(reader)) {
      long rowsRead = 0;
      for (CSVRecord record : parser) {
        rowsRead++;
        if (rowsRead > done) {
          importRow(id, job, record, firstLine(parser, record), rowsRead);
        }
      }
      jdbc.update("update leadflow.lead_import set status = 'DONE', finished_at = ? where id = ?",
          Timestamp.from(ClockUtil.now().toInstant()), id);
      Files.deleteIfExists(file(id));
    } catch (IOException | RuntimeException broken) {
      LOG.error("Import {} of {} failed", id, job.get("file_name"), broken);
      jdbc.update("update leadflow.lead_import set status = 'FAILED', failure = ?, finished_at = ? where id = ?",
          abbreviate(broken.getMessage(), 2000), Timestamp.from(ClockUtil.now().toInstant()), id);
    }
  }

  private void importRow(UUID id, Map<String, Object> job, CSVRecord record, long line, long rowsRead) {
    String channel = (String) job.get("channel");
    String campaign = (String) job.get("campaign");
    NewLead clean;
    try {
      if (!record.isConsistent()) {
        throw new InvalidRequestException(List.of(new FieldProblem("row",
            "has " + record.size() + " values; the header has " + record.getParser().getHeaderNames().size())));
      }
      Map<String, String> fields = new LinkedHashMap<>(record.toMap());
      fields.put("sourceChannel", channel);
      if (campaign != null) {
        fields.put("campaign", campaign);
      }
      fields.put("requestType", (String) job.get("request_type"));
      clean = rules.clean(forms.lead(fields));
    } catch (InvalidRequestException invalid) {
      reject(id, line, rowsRead, record, invalid.errors());
      return;
    }
    String person = clean.email() != null ? clean.email() : clean.phone() + "|" + clean.company();
    // a list row is not the person speaking, whoever uploaded the list
    CaptureSource source = new CaptureSource((String) job.get("created_by"), "list import " + job.get("file_name"),
        "import|" + channel + "|" + (campaign == null ? "" : campaign) + "|" + person, id, line, false);
    transactions.execute(() -> {
      Captured captured = intake.capture(clean, source);
      String counter = switch (captured.result()) {
        case CREATED -> "created_count";
        case MERGED -> "merged_count";
        case UNCHANGED -> "unchanged_count";
      };
      return jdbc.update("update leadflow.lead_import set rows_read = ?, " + counter + " = " + counter
          + " + 1 where id = ?", rowsRead, id);
    });
  }

  private void reject(UUID id, long line, long rowsRead, CSVRecord record, List<FieldProblem> problems) {
    String reasons = problems.stream().map(problem -> problem.field() + " " + problem.detail())
        .collect(Collectors.joining("; "));
    // a row shorter than its header may end before the email column
    String email = record.isSet("email") ? abbreviate(record.get("email"), 254) : null;
    transactions.execute(() -> {
      jdbc.update("""
          insert into leadflow.lead_import_rejection (import_id, line, email, reasons)
          select ?, ?, ?, ? where (select rejected_count from leadflow.lead_import where id = ?) < ?
          on conflict do nothing""", id, line, email, reasons, id, properties.maxRejectionsKept());
      return jdbc.update("update leadflow.lead_import set rows_read = ?, rejected_count = rejected_count + 1 "
          + "where id = ?", rowsRead, id);
    });
  }

  /**
   * A file that is not a CSV list of leads is refused at upload, before anything is stored: its header, and every
   * row read through, so that a broken quote halfway down refuses the file instead of stopping its import there.
   */
  private static void checkFile(Path file) throws IOException {
    try (Reader reader = open(file); CSVParser parser = CSV.parse(reader)) {
      List<String> header = parser.getHeaderNames();
      List<String> unknown = header.stream().filter(column -> !COLUMNS.contains(column)).toList();
      if (header.isEmpty() || !unknown.isEmpty()) {
        throw new InvalidRequestException(List.of(new FieldProblem("file", (header.isEmpty()
            ? "must start with a header row" : "has unknown columns " + unknown) + "; known columns are "
            + COLUMNS.stream().sorted().toList())));
      }
      parser.stream().count();
    } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException unreadable) {
      throw new InvalidRequestException(List.of(new FieldProblem("file",
          "is not a readable CSV file: " + unreadable.getMessage())));
    }
  }

  /** The file as text; a byte-order mark (Excel's "CSV UTF-8") is not part of the first column's name. */
  private static Reader open(Path file) throws IOException {
    BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    return reader;
  }

  /** The line a row starts on: the parser skips blank lines before it, and a quoted value may span lines. */
  private static long firstLine(CSVParser parser, CSVRecord record) {
    return parser.getCurrentLineNumber() - record.stream()
        .mapToLong(value -> LINE_BREAK.matcher(value).results().count()).sum();
  }

  private String copy(InputStream upload, Path target) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha256)) {
      upload.transferTo(out);
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private RequestType requestType(String channel, RequestType requested) {
    if (requested != null) {
      return requested;
    }
    RequestType byChannel = rules.requestTypeOf(channel);
    return byChannel != null ? byChannel : RequestType.LIST;
  }

  private Path file(UUID id) {
    return properties.directory().resolve(id + ".csv");
  }

  private static String abbreviate(String text) {
    return abbreviate(text, 255);
  }

  private static String abbreviate(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }
}
