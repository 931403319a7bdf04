package io.leadflow.intake;

import io.leadflow.security.ApiKeyAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/** Trade-show and purchased lists as CSV files: upload, then watch the import's progress and its rejected rows. */
@RestController
@RequestMapping("/api/leads/imports")
@Tag(name = "Imports", description = "Import lists of leads from CSV files")
class LeadImportController {

  /**
   * An import and how far it got.
   *
   * @param status queued, running, done or failed
   * @param rowsRead data rows handled so far (the header is not a row)
   * @param rejections the rejected rows with their file line and reasons (the first ten thousand)
   */
  record ImportReport(UUID id, String fileName, String channel, String campaign, String status, int rowsRead,
      int created, int merged, int unchanged, int rejected, List<Rejection> rejections, String failure,
      Instant createdAt, Instant finishedAt, boolean uploadedBefore) {
  }

  /** A row that was not imported: its line in the file, its email as given, and every reason. */
  record Rejection(long line, String email, String reasons) {
  }

  private final LeadImports imports;
  private final JdbcTemplate jdbc;

  LeadImportController(LeadImports imports, JdbcTemplate jdbc) {
    this.imports = imports;
    this.jdbc = jdbc;
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Upload a CSV list", description = "A header row with the capture API's field names "
      + "(email, firstName, lastName, company, country, phone, jobTitle, industry, companySize, marketingConsent, ...), "
      + "one lead per row, UTF-8. Answers 202 with the import, which runs in the background; the same file uploaded "
      + "again for the same channel and campaign answers 200 with the first import and imports nothing.")
  @ApiResponse(responseCode = "202", description = "Import queued")
  @ApiResponse(responseCode = "200", description = "The file was uploaded before: its import")
  @ApiResponse(responseCode = "400", description = "A bad parameter or a file without the expected header",
      content = @Content(mediaType = "application/problem+json"))
  ResponseEntity<ImportReport> upload(@RequestPart(name = "file", required = false) MultipartFile file,
      @Parameter(description = "Channel of every lead in the list, e.g. trade-show or purchased-list")
      @RequestParam(required = false) String channel,
      @Parameter(description = "Campaign of every lead in the list, e.g. the trade show's name")
      @RequestParam(required = false) String campaign,
      @Parameter(description = "What the leads asked for; by default the channel's request type")
      @RequestParam(required = false) String requestType,
      @Parameter(hidden = true) Authentication user) throws IOException {
    if (file == null || file.isEmpty()) {
      throw new InvalidRequestException(List.of(new FieldProblem("file", "is required: a CSV file with a header row")));
    }
    RequestType type = requestType(requestType);
    String listChannel = user instanceof ApiKeyAuthentication key ? key.captureChannel(blankToNull(channel), "channel")
        : channel;
    LeadImports.Submitted submitted;
    try (InputStream content = file.getInputStream()) {
      submitted = imports.submit(content, file.getOriginalFilename(), listChannel, blankToNull(campaign), type,
          user.getName());
    }
    return ResponseEntity.status(submitted.again() ? HttpStatus.OK : HttpStatus.ACCEPTED)
        .location(URI.create("/api/leads/imports/" + submitted.id())).body(report(submitted.id(), submitted.again()));
  }

  @GetMapping("/{id}")
  @Operation(summary = "An import's progress and rejected rows (marketing ops and administrators; an API key reads "
      + "nothing)")
  ImportReport get(@PathVariable UUID id) {
    return report(id, false);
  }

  private ImportReport report(UUID id, boolean uploadedBefore) {
    List<Map<String, Object>> rows = jdbc.queryForList("select * from leadflow.lead_import where id = ?", id);
    if (rows.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No import " + id);
    }
    Map<String, Object> row = rows.get(0);
    List<Rejection> rejections = jdbc.query("select line, email, reasons from leadflow.lead_import_rejection "
            + "where import_id = ? order by line", (result, n) -> new Rejection(result.getLong("line"),
            result.getString("email"), result.getString("reasons")), id);
    return new ImportReport(id, (String) row.get("file_name"), (String) row.get("channel"),
        (String) row.get("campaign"), ((String) row.get("status")).toLowerCase(Locale.ROOT),
        (Integer) row.get("rows_read"), (Integer) row.get("created_count"), (Integer) row.get("merged_count"),
        (Integer) row.get("unchanged_count"), (Integer) row.get("rejected_count"), rejections,
        (String) row.get("failure"), instant(row.get("created_at")), instant(row.get("finished_at")),
        uploadedBefore);
  }

  private static RequestType requestType(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return RequestType.valueOf(value.strip());
    } catch (IllegalArgumentException unknown) {
      throw new InvalidRequestException(List.of(new FieldProblem("requestType", "must be one of "
          + List.of(RequestType.values()))));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Instant instant(Object timestamp) {
    return timestamp == null ? null : ((java.sql.Timestamp) timestamp).toInstant();
  }
}
