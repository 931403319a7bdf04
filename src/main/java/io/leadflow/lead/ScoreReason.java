package io.leadflow.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** One matched scoring rule of the lead's current score: why it has these points. */
@Entity
@Table(name = "lead_score_reason")
@IdClass(ScoreReason.Key.class)
public class ScoreReason {

  /** Composite key: the lead and the rule's position in the explanation. */
  public record Key(UUID leadId, int position) implements Serializable {
    Key() {
      this(null, 0);
    }
  }

  @Id
  private UUID leadId;

  @Id
  private int position;

  @Column(nullable = false)
  private String category;

  private int points;

  @Column(nullable = false)
  private String reason;

  protected ScoreReason() {
  }

  public ScoreReason(UUID leadId, int position, String category, int points, String reason) {
    this.leadId = leadId;
    this.position = position;
    this.category = category;
    this.points = points;
    this.reason = reason;
  }

  public String getCategory() {
    return category;
  }

  public int getPoints() {
    return points;
  }

  public String getReason() {
    return reason;
  }

  public int getPosition() {
    return position;
  }
}
