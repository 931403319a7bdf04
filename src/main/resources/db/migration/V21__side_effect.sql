-- What happened to each side effect (a mail sent, a CRM record written) of a process step. Written in transactions
-- of its own, so the record survives when the job that caused the side effect rolls back.
create table side_effect (
  key          varchar(1000) primary key,
  status       varchar(10) not null,
  started_at   timestamptz not null,
  finished_at  timestamptz,
  attempts     integer not null,
  last_error   varchar(2000),
  -- what the effect returned, e.g. the id of the CRM record it wrote
  result       varchar(500),
  constraint side_effect_status check (status in ('STARTED', 'DONE', 'FAILED'))
);
