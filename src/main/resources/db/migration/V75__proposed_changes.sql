-- What the landing page or a machine client sent about a known person that differs from the lead: kept with the
-- inquiry and offered to marketing ops and the rep, never applied by itself. Settled when someone trusted sets the
-- field; erased with the lead.
create table lead_proposed_change (
  id              uuid primary key,
  lead_id         uuid not null references lead (id),
  inquiry_id      uuid not null references inquiry (id),
  field           varchar(30) not null,
  proposed_value  varchar(254) not null,
  proposed_at     timestamptz not null,
  proposed_by     varchar(120) not null,
  settled_at      timestamptz,
  settled_by      varchar(120)
);

create index lead_proposed_change_lead_idx on lead_proposed_change (lead_id, proposed_at);
