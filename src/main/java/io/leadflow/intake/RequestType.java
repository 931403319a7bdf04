package io.leadflow.intake;

import io.leadflow.lead.ActivityType;

/** What the lead asked for when responding; a demo or contact request makes the lead a hand-raiser. */
public enum RequestType {
  DEMO(ActivityType.DEMO_REQUEST),
  CONTACT(ActivityType.CONTACT_REQUEST),
  CONTENT_DOWNLOAD(ActivityType.CONTENT_DOWNLOAD),
  WEBINAR(ActivityType.WEBINAR_ATTENDED),
  TRADE_SHOW(ActivityType.TRADE_SHOW_VISIT),
  INQUIRY(ActivityType.INQUIRY),
  /** On a purchased or rented list: the person asked for nothing, so nothing is sent to acknowledge it. */
  LIST(ActivityType.INQUIRY);

  private final ActivityType activity;

  RequestType(ActivityType activity) {
    this.activity = activity;
  }

  /** The behaviour the request shows, as scored by the scoring table. */
  public ActivityType activity() {
    return activity;
  }

  /** Whether the person asked for something and so gets an acknowledgement with it at once. */
  public boolean isAcknowledged() {
    return this != LIST;
  }
}
