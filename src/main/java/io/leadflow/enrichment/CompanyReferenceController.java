package io.leadflow.enrichment;

import io.swagger.v3.oas.annotations.Operation;
import java.io.InputStreamReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Admins load the built-in enrichment's reference table: company facts by web domain. */
@RestController
@RequestMapping("/api/admin/companies")
class CompanyReferenceController {

  private final CompanyReference reference;

  CompanyReferenceController(CompanyReference reference) {
    this.reference = reference;
  }

  @PutMapping(consumes = {"text/csv", "text/plain"})
  @Operation(summary = "Add or replace companies from a CSV with the columns domain,name,industry,companySize")
  Map<String, Integer> load(jakarta.servlet.http.HttpServletRequest request) throws IOException {
    return Map.of("loaded", reference.load(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)));
  }

  @GetMapping("/{domain}")
  @Operation(summary = "What the reference table knows of a company")
  CompanyEnrichment.CompanyFacts find(@PathVariable String domain) {
    return reference.find(domain).orElseThrow(
        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No company with domain " + domain));
  }
}
