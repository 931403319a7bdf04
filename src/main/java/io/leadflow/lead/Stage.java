package io.leadflow.lead;

/** Where a lead stands in the funnel. The names are stored in the database and used in the BPMN models. */
public enum Stage {
  /** Marketing-captured lead: an inquiry that has not yet been qualified. */
  INQUIRY,
  /** Marketing-qualified lead. */
  MQL,
  /** Sales-accepted lead. */
  SAL,
  /** Sales-qualified lead: an opportunity. */
  SQL,
  WON,
  LOST,
  /** Recycled to marketing for nurturing. */
  NURTURE,
  ON_HOLD,
  DISQUALIFIED,
  UNSUBSCRIBED,
  ERASED,
  /** Nurtured for the longest period without engagement; a new inquiry revives it. */
  DORMANT
}
