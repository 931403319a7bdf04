package io.leadflow.crm;

import java.util.UUID;

/** A lead as the CRM receives it. {@code leadId} is the external id; {@code ownerEmail} may be null (a queue). */
public record CrmLead(
    UUID leadId, String email, String firstName, String lastName, String company, String jobTitle, String phone,
    String country, String sourceChannel, String campaign, String stage, Integer score, String ownerEmail) {
}
