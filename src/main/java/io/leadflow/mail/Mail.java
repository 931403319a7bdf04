package io.leadflow.mail;

import java.util.Map;
import java.util.UUID;

/**
 * One email to render and send.
 *
 * @param to the recipient's address
 * @param template the template's name under {@code templates/mail/}, e.g. {@code acknowledgement} or
 *     {@code nurture/case-study}; it renders the subject, an HTML and a plain-text part
 * @param model the values the template shows
 * @param kind marketing mail carries an unsubscribe link and a {@code List-Unsubscribe} header
 * @param leadId the lead the mail is about (for the unsubscribe link); null for mail to staff about no lead
 */
public record Mail(String to, String template, Map<String, Object> model, MailKind kind, UUID leadId) {
}
