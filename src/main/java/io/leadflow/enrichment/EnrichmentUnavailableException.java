package io.leadflow.enrichment;

/** The enrichment provider cannot answer now (down, slow, refusing). */
public class EnrichmentUnavailableException extends RuntimeException {

  public EnrichmentUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
