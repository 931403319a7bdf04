-- What sales managers and marketing ops agreed when they reviewed the lead process (bpmn/LeadProcessReview.bpmn).
create table process_review (
  id                   uuid primary key,
  process_instance_id  varchar(64) not null unique,
  period_from          date not null,
  period_to            date not null,
  completed_at         timestamptz not null,
  completed_by         varchar(64) not null,
  agreed_changes       varchar(4000) not null,
  change_scoring       boolean not null,
  change_routing       boolean not null,
  change_sla           boolean not null,
  change_nurture       boolean not null,
  next_review_owner    varchar(64)
);
