package io.leadflow.intake;

import io.leadflow.lead.LeadErased;
import io.leadflow.lead.PersonalData;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An erased person's traces in what capture keeps, in the erasure's transaction: the key that recognises a list row
 * imported again (it holds the email) and what they wrote as their interest on the lead's inquiries, the answers kept
 * for retries of requests about the lead (they name its id), the rows of imports that were refused with their data,
 * import failures that quote them, and their rows in the files imports still keep ({@link LeadImports}).
 */
@Component
class IntakeErasure {

  private final JdbcTemplate jdbc;
  private final LeadImports imports;

  IntakeErasure(JdbcTemplate jdbc, LeadImports imports) {
    this.jdbc = jdbc;
    this.imports = imports;
  }

  @EventListener
  void erase(LeadErased erased) {
    PersonalData person = erased.person();
    String pattern = person.pattern();
    jdbc.update("update leadflow.inquiry set source_key = null, interest = null where lead_id = ?", erased.leadId());
    jdbc.update("delete from leadflow.idempotent_request where body like ?", "%" + erased.leadId() + "%");
    if (!pattern.isEmpty()) {
      jdbc.update("update leadflow.inquiry set consent_source = left(regexp_replace(consent_source, ?, ?, 'gi'), 300) "
          + "where lead_id = ? and consent_source ~* ?", pattern, PersonalData.ERASED, erased.leadId(), pattern);
      jdbc.update("delete from leadflow.lead_import_rejection where lower(email) = lower(?) or reasons ~* ?",
          person.email(), pattern);
      jdbc.update("update leadflow.lead_import set failure = left(regexp_replace(failure, ?, ?, 'gi'), 2000) "
          + "where failure ~* ?", pattern, PersonalData.ERASED, pattern);
    }
    try {
      imports.erase(person);
    } catch (IOException unwritable) {
      throw new UncheckedIOException("Cannot erase the person from the files of imports", unwritable);
    }
  }
}
