-- When Leadflow first wrote the lead to the CRM. From then on every stage change is sent there too (process
-- CrmLeadUpdate), so that the CRM does not go on showing a lead as worked after it was disqualified, lost or erased.
alter table lead add column in_crm_since timestamptz;

update lead set in_crm_since = written.at
from (select external_id, min(at) as at
      from (select external_id, created_at as at from crm_lead
            union all
            select external_id, updated_at from crm_link where object_type = 'Lead') records
      group by external_id) written
where lead.id = written.external_id;
