package io.leadflow.lead;

/** What can happen with a lead. Behavioural types feed the score; the others are its record. */
public enum ActivityType {
  /** A response through a capture channel: form, list import, call, download, event. */
  INQUIRY,
  DEMO_REQUEST,
  CONTACT_REQUEST,
  PAGE_VISIT,
  PRICING_PAGE_VISIT,
  CONTENT_DOWNLOAD,
  WEBINAR_ATTENDED,
  EMAIL_CLICK,
  TRADE_SHOW_VISIT,
  REPLY,
  /** Leadflow sent the lead an email (acknowledgement, asset, nurture step). */
  EMAIL_SENT,
  /** A rep tried to reach the lead: channel in {@code subject}, result in {@code outcome}. */
  CONTACT_ATTEMPT,
  NOTE,
  /** The lead's owner changed: reassignment, hand-over, SLA breach. */
  OWNER_CHANGE
}
