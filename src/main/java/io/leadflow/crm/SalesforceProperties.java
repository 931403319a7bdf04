package io.leadflow.crm;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Leadflow reaches Salesforce (leadflow.crm.provider=salesforce): a connected app with the OAuth 2.0
 * client-credentials flow, and the custom fields that hold Leadflow's ids. Only bound and checked when Salesforce is
 * the CRM.
 *
 * @param loginUrl where to log in: https://login.salesforce.com, https://test.salesforce.com for a sandbox, or the
 *     org's My Domain URL (LEADFLOW_SALESFORCE_LOGIN_URL)
 * @param clientId the connected app's consumer key (LEADFLOW_SALESFORCE_CLIENT_ID)
 * @param clientSecret the connected app's consumer secret (LEADFLOW_SALESFORCE_CLIENT_SECRET)
 * @param apiVersion the REST API version, e.g. v61.0 (LEADFLOW_SALESFORCE_API_VERSION)
 * @param leadIdField the Lead's external id field that holds Leadflow's lead id
 * @param activityIdField the Task's external id field that holds Leadflow's activity id
 * @param opportunityIdField the Opportunity's external id field that holds Leadflow's opportunity id
 * @param lostToField the Opportunity's text field for the competitor a deal was lost to
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer; with one inline retry, a call stays far below the engine's
 *     job lock time of 5 minutes
 * @param maxRetryAfterWait the longest Retry-After that Leadflow waits for inline before it retries once; a longer
 *     one fails the step, and the job retries later
 * @param mapOwners whether records are owned in Salesforce by the active user with the Leadflow owner's email
 *     address (LEADFLOW_SALESFORCE_MAP_OWNERS); off, Salesforce gives them their owner
 * @param ownerCacheTime how long a user lookup's answer is kept
 */
@Validated
@ConditionalOnProperty(prefix = "leadflow.crm", name = "provider", havingValue = "salesforce")
@ConfigurationProperties("leadflow.crm.salesforce")
public record SalesforceProperties(
    @NotNull @DefaultValue("https://login.salesforce.com") URI loginUrl,
    @NotBlank(message = "is required: set LEADFLOW_SALESFORCE_CLIENT_ID") String clientId,
    @NotBlank(message = "is required: set LEADFLOW_SALESFORCE_CLIENT_SECRET") String clientSecret,
    @Pattern(regexp = "v\\d+\\.\\d+", message = "must look like v61.0") @DefaultValue("v61.0") String apiVersion,
    @NotBlank @DefaultValue("Leadflow_Id__c") String leadIdField,
    @NotBlank @DefaultValue("Leadflow_Activity_Id__c") String activityIdField,
    @NotBlank @DefaultValue("Leadflow_Opportunity_Id__c") String opportunityIdField,
    @NotBlank @DefaultValue("Leadflow_Lost_To__c") String lostToField,
    @NotNull @DefaultValue("5s") Duration connectTimeout,
    @NotNull @DefaultValue("10s") Duration readTimeout,
    @NotNull @DefaultValue("5s") Duration maxRetryAfterWait,
    @DefaultValue("true") boolean mapOwners,
    @NotNull @DefaultValue("15m") Duration ownerCacheTime) {

  @Override
  public String toString() {
    return "SalesforceProperties[loginUrl=" + loginUrl + ", clientId=" + clientId + ", apiVersion=" + apiVersion + "]";
  }
}
