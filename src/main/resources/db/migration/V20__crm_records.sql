-- The built-in CRM's records (leadflow.crm.provider=built-in) and, for an external CRM, which of its records belongs
-- to which Leadflow id. Every record carries Leadflow's id as its external id, so a retried upsert finds the record
-- it created instead of creating a second one.

-- one sequence for all three kinds, so that a record id names one record whatever its kind
create sequence crm_record_seq start with 1001;

create table crm_lead (
  record_id      varchar(20) primary key default 'LF-' || nextval('crm_record_seq'),
  external_id    uuid not null,
  email          varchar(254) not null,
  first_name     varchar(100),
  last_name      varchar(100),
  company        varchar(200),
  job_title      varchar(150),
  phone          varchar(40),
  country        varchar(2),
  source_channel varchar(40),
  campaign       varchar(100),
  stage          varchar(30),
  score          integer,
  owner_email    varchar(254),
  created_at     timestamptz not null,
  updated_at     timestamptz not null,
  constraint crm_lead_external_id_unique unique (external_id)
);

-- an activity may be logged before its lead reached the CRM, so no foreign key to crm_lead
create table crm_activity (
  record_id        varchar(20) primary key default 'LF-' || nextval('crm_record_seq'),
  external_id      uuid not null,
  lead_external_id uuid not null,
  type             varchar(30) not null,
  subject          varchar(255),
  outcome          varchar(30),
  note             varchar(4000),
  occurred_at      timestamptz not null,
  owner_email      varchar(254),
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  constraint crm_activity_external_id_unique unique (external_id)
);

create index crm_activity_lead_idx on crm_activity (lead_external_id, occurred_at);

create table crm_opportunity (
  record_id           varchar(20) primary key default 'LF-' || nextval('crm_record_seq'),
  external_id         uuid not null,
  lead_external_id    uuid not null,
  name                varchar(255) not null,
  amount              numeric(15, 2),
  currency            varchar(3),
  expected_close_date date,
  stage               varchar(20) not null,
  lost_reason         varchar(500),
  lost_to             varchar(200),
  owner_email         varchar(254),
  created_at          timestamptz not null,
  updated_at          timestamptz not null,
  constraint crm_opportunity_external_id_unique unique (external_id),
  constraint crm_opportunity_amount_not_negative check (amount >= 0)
);

create index crm_opportunity_lead_idx on crm_opportunity (lead_external_id);

-- an external CRM's record for a Leadflow id, filled from its upsert answers
create table crm_link (
  external_id  uuid not null,
  object_type  varchar(40) not null,
  record_id    varchar(40) not null,
  lead_id      uuid not null,
  description  varchar(500),
  updated_at   timestamptz not null,
  constraint crm_link_external_id_unique unique (external_id)
);

create index crm_link_lead_idx on crm_link (lead_id, object_type);
