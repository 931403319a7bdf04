package io.leadflow.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How failed logins are throttled ({@link LoginThrottle}).
 *
 * @param failuresPerUserAndAddress failures of one user from one address before that address waits for that user
 * @param failuresPerAddress failures from one address, whatever the users, before it waits (users who logged in from
 *     there before excepted)
 * @param failuresPerUser failures of one user, whatever the addresses, before the addresses that failed wait
 * @param firstWait the first wait; each further failure doubles it
 * @param maxWait the longest wait
 * @param forgetAfter a quiet period after which failures no longer count
 * @param rememberSuccessFor how long a successful login from an address exempts that user there from its wait
 * @param maxTracked the users, addresses and pairs kept in memory per kind; the oldest go first
 */
@Validated
@ConfigurationProperties("leadflow.security.login-throttle")
public record LoginThrottleProperties(
    @DefaultValue("5") @Min(1) int failuresPerUserAndAddress,
    @DefaultValue("30") @Min(1) int failuresPerAddress,
    @DefaultValue("30") @Min(1) int failuresPerUser,
    @DefaultValue("30s") @NotNull Duration firstWait,
    @DefaultValue("15m") @NotNull Duration maxWait,
    @DefaultValue("1h") @NotNull Duration forgetAfter,
    @DefaultValue("30d") @NotNull Duration rememberSuccessFor,
    @DefaultValue("100000") @Min(100) int maxTracked) {
}
