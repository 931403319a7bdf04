package io.leadflow.nurture;

import io.leadflow.lead.ActivityType;
import java.time.Instant;

/**
 * Something a lead did that a website, a webinar tool or an email service reports: a page visit, a visit of the
 * pricing page, a download, an email click, a webinar attended, a reply.
 *
 * @param email whose activity it is, for {@code POST /api/activities} (tracked clicks by email); not used with the
 *     lead's id in the path
 * @param type what the lead did
 * @param occurredAt when; now if not given
 * @param url the page or link
 * @param subject what it was about, e.g. the page title or the webinar
 * @param campaign the campaign it belongs to
 * @param asset the content downloaded
 */
public record ActivityReport(String email, ActivityType type, Instant occurredAt, String url, String subject,
    String campaign, String asset) {
}
