-- Capture from every touch point: what each response was, the keys machine clients use, safe retries, list imports,
-- the company reference data for enrichment, and the dates leads gave for a follow-up.

-- A person is known by their email address; a caller who gave none, by phone number and company. The company key
-- ignores case, spaces and punctuation ("ACME, Inc." = "Acme Inc").
alter table lead alter column email drop not null;
alter table lead add column company_key varchar(200)
  generated always as (nullif(regexp_replace(lower(company), '[^[:alnum:]]+', '', 'g'), '')) stored;
-- two simultaneous first calls of the same person cannot both insert
create unique index lead_phone_company_unique on lead (phone, company_key) where email is null;
create index lead_phone_company_idx on lead (phone, company_key);

-- every response through a capture channel, with its attribution and the consent given with it
create table inquiry (
  id                 uuid primary key,
  lead_id            uuid not null references lead (id),
  received_at        timestamptz not null,
  channel            varchar(40) not null,
  campaign           varchar(100),
  asset              varchar(200),
  interest           varchar(100),
  request_type       varchar(30) not null,
  marketing_consent  boolean,
  consent_source     varchar(300),
  captured_by        varchar(120) not null,
  outcome            varchar(20) not null,
  cycle              integer not null,
  import_id          uuid,
  import_line        bigint,
  -- the same list row imported again (another file of the same campaign) is the same response
  source_key         varchar(400),
  acknowledged_at    timestamptz,
  constraint inquiry_outcome check (outcome in ('CREATED', 'MERGED', 'NEW_CYCLE')),
  constraint inquiry_source_key_unique unique (source_key)
);

create index inquiry_lead_idx on inquiry (lead_id, received_at);
create index inquiry_unacknowledged_idx on inquiry (lead_id) where acknowledged_at is null;
create index inquiry_campaign_idx on inquiry (campaign, received_at);

-- keys of machine clients (a web form's backend, an import job, a partner); only a hash of the secret is stored
create table api_key (
  id            uuid primary key,
  name          varchar(100) not null,
  channel       varchar(40),
  prefix        varchar(16) not null,
  secret_hash   varchar(64) not null,
  created_at    timestamptz not null,
  created_by    varchar(64) not null,
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  revoked_by    varchar(64),
  constraint api_key_prefix_unique unique (prefix)
);

-- what a request with an Idempotency-Key answered, so that its retries get the same answer and do nothing again
create table idempotent_request (
  client        varchar(120) not null,
  key           varchar(255) not null,
  request_hash  varchar(64) not null,
  status        integer not null,
  body          text not null,
  created_at    timestamptz not null,
  primary key (client, key)
);

create index idempotent_request_created_idx on idempotent_request (created_at);

-- CSV imports of trade-show and purchased lists; the same file uploaded again is the same import
create table lead_import (
  id              uuid primary key,
  file_sha256     varchar(64) not null,
  file_name       varchar(255),
  channel         varchar(40) not null,
  campaign        varchar(100),
  request_type    varchar(30) not null,
  status          varchar(20) not null,
  rows_read       integer not null default 0,
  created_count   integer not null default 0,
  merged_count    integer not null default 0,
  unchanged_count integer not null default 0,
  rejected_count  integer not null default 0,
  failure         varchar(2000),
  created_at      timestamptz not null,
  created_by      varchar(120) not null,
  finished_at     timestamptz,
  constraint lead_import_status check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED'))
);

create unique index lead_import_file_unique on lead_import (file_sha256, channel, coalesce(campaign, ''));

create table lead_import_rejection (
  import_id  uuid not null references lead_import (id),
  line       bigint not null,
  email      varchar(254),
  reasons    text not null,
  primary key (import_id, line)
);

-- the built-in enrichment: company facts by web domain, loaded by an administrator
create table company_reference (
  domain        varchar(253) primary key,
  name          varchar(200),
  industry      varchar(60),
  company_size  integer,
  updated_at    timestamptz not null
);

-- a date the lead gave (budget cycle, fiscal year start, contract renewal, trade show): nurturing follows up then
create table nurture_follow_up (
  id          uuid primary key,
  lead_id     uuid not null references lead (id),
  due_on      date not null,
  reason      varchar(30) not null,
  inquiry_id  uuid,
  created_at  timestamptz not null,
  sent_at     timestamptz
);

create index nurture_follow_up_due_idx on nurture_follow_up (lead_id, due_on) where sent_at is null;
