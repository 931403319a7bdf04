package io.leadflow.mail;

/**
 * Sends email. Throws {@link MailUnavailableException} when the mail server cannot take the message now (the step
 * retries and ends in an incident) and {@link MailRejectedException} when it refuses the recipient for good (a mail to
 * the lead is then noted on the lead and the process goes on; a mail to staff fails its step like an outage).
 */
public interface MailPort {

  void send(Mail mail);
}
