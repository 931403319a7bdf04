package io.leadflow.intake;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Intake forgets old idempotency keys on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IntakeConfiguration {
}
