-- Volumes and conversions over all leads read only the stage history: with the lead id in the indexes, PostgreSQL
-- answers them from the indexes alone (counted leads per stage and period; "did this lead reach that stage later").
drop index lead_stage_change_stage_idx;
create index lead_stage_change_stage_idx on lead_stage_change (to_stage, changed_at) include (lead_id);
create index lead_stage_change_lead_stage_idx on lead_stage_change (lead_id, to_stage, changed_at);
