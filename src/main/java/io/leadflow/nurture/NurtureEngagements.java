package io.leadflow.nurture;

import io.leadflow.lead.ActivityType;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts what a lead did (responses and behaviour, not what Leadflow or a rep did to it). The nurture compares the
 * count with the one its last scoring saw: an engagement reported while it was busy sending is not lost.
 */
@Component
class NurtureEngagements {

  private static final Set<ActivityType> NOT_ENGAGEMENT = EnumSet.of(ActivityType.EMAIL_SENT,
      ActivityType.CONTACT_ATTEMPT, ActivityType.NOTE, ActivityType.OWNER_CHANGE);

  private final JdbcTemplate jdbc;
  private final String[] notEngagement = NOT_ENGAGEMENT.stream().map(Enum::name).toArray(String[]::new);

  NurtureEngagements(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  int count(UUID leadId) {
    return jdbc.queryForObject("select count(*) from leadflow.lead_activity where lead_id = ? "
        + "and type not in (?, ?, ?, ?)", Integer.class, leadId, notEngagement[0], notEngagement[1],
        notEngagement[2], notEngagement[3]);
  }
}
