-- What a campaign cost per month, recorded by marketing ops: the divisor of cost per lead and cost per MQL.
create table campaign_cost (
  campaign  varchar(100) not null,
  month     date not null,
  amount    numeric(14, 2) not null check (amount >= 0),
  currency  varchar(3) not null,
  primary key (campaign, month),
  constraint campaign_cost_month_first_day check (extract(day from month) = 1)
);

-- The funnel metrics filter leads by these attributes and aggregate stage history, activities and breaches by period;
-- without these indexes each figure would scan a million-row table.
create index lead_segment_idx on lead (segment);
create index lead_team_idx on lead (team);
create index lead_source_channel_idx on lead (source_channel);
create index lead_campaign_idx on lead (campaign);
create index lead_created_at_idx on lead (created_at);
create index lead_stage_change_by_idx on lead_stage_change (changed_by, to_stage, changed_at);
create index lead_stage_change_from_idx on lead_stage_change (from_stage, changed_at);
create index lead_activity_recorded_by_idx on lead_activity (recorded_by, type, occurred_at);
create index opportunity_closed_idx on opportunity (closed_at) where closed_at is not null;
create index sla_breach_breached_idx on sla_breach (breached_at);
create index sla_breach_lead_idx on sla_breach (lead_id, step);
