-- The first time each lead reached each stage, as HubSpot's "became an MQL date": funnel volumes and conversions
-- count a lead in the period in which it first reached a stage. Kept by a trigger, so that every writer of the stage
-- history (the lifecycle, imports, the demo-history generator, tests) feeds it.
create table lead_stage_first (
  lead_id    uuid not null references lead (id),
  stage      varchar(30) not null,
  entered_at timestamptz not null,
  -- counted in funnel_day and funnel_conversion_day by metrics.FunnelRollup
  rolled_up  boolean not null default false,
  primary key (lead_id, stage)
);
create index lead_stage_first_stage_idx on lead_stage_first (stage, entered_at) include (lead_id);
create index lead_stage_first_pending_idx on lead_stage_first (lead_id) where not rolled_up;

create function record_first_stage_entry() returns trigger language plpgsql as $$
begin
  insert into leadflow.lead_stage_first (lead_id, stage, entered_at)
  values (new.lead_id, new.to_stage, new.changed_at)
  on conflict (lead_id, stage) do nothing;
  return null;
end
$$;

create trigger lead_stage_change_first_entry after insert on lead_stage_change
  for each row execute function record_first_stage_entry();

insert into lead_stage_first (lead_id, stage, entered_at)
select distinct on (lead_id, to_stage) lead_id, to_stage, changed_at
from lead_stage_change
order by lead_id, to_stage, changed_at;

-- Per UTC day: how many leads first reached each stage, and of those how many have first reached a later stage
-- since. A figure over a period adds its days and the entries not rolled up yet, so it costs the same on a thousand
-- leads and on millions.
create table funnel_day (
  day     date not null,
  stage   varchar(30) not null,
  entered bigint not null,
  primary key (day, stage)
);

create table funnel_conversion_day (
  day        date not null,
  from_stage varchar(30) not null,
  to_stage   varchar(30) not null,
  reached    bigint not null,
  primary key (day, from_stage, to_stage)
);
