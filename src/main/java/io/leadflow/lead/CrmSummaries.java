package io.leadflow.lead;

import java.util.UUID;

/** What the configured CRM holds for a lead, for the lead's page; implemented by the CRM adapter. */
public interface CrmSummaries {

  CrmSummary summary(UUID leadId);
}
