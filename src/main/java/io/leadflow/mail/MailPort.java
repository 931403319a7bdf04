package io.leadflow.mail;

/**
 * Sends email. Throws {@link MailUnavailableException} when the mail server cannot take the message now (the step
 * retries and ends in an incident) and {@link MailRejectedException} when it refuses the recipient for good.
 */
public interface MailPort {

  void send(Mail mail);
}
