package io.leadflow.mail;

/** Transactional mail answers the recipient's own request or informs staff; marketing mail can be unsubscribed. */
public enum MailKind {
  TRANSACTIONAL,
  MARKETING
}
