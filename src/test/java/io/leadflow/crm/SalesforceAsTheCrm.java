package io.leadflow.crm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * On a {@link io.leadflow.ProcessTest}: Salesforce is the CRM, answered by the shared {@link SalesforceServer}. The
 * classes that carry it share one application context of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {"leadflow.crm.provider=salesforce",
    "leadflow.crm.salesforce.client-id=leadflow-app", "leadflow.crm.salesforce.client-secret=s3cret"})
@interface SalesforceAsTheCrm {
}
