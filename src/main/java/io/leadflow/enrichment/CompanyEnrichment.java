package io.leadflow.enrichment;

import java.util.Optional;

/**
 * A provider of company facts by web domain. The built-in one is a reference table the admin loads
 * ({@link CompanyReference}); another provider (a data vendor's API) implements the same port. A provider that cannot
 * answer now throws {@link EnrichmentUnavailableException}: the lead goes on without its facts.
 */
public interface CompanyEnrichment {

  /** What a provider knows of a company; any part may be unknown (null). */
  record CompanyFacts(String domain, String name, String industry, Integer companySize) {
  }

  Optional<CompanyFacts> find(String domain);
}
