-- The demo history named its channels WEB, PAID_SEARCH, WEBINAR, EVENT, REFERRAL and CONTENT, while captured leads
-- carry the names of the capture channels (leadflow.intake.channels): the figures showed one channel under two names.
-- A history generated before gets the names the generator gives now.
update lead set source_channel = case source_channel
    when 'WEB' then 'web-form' when 'PAID_SEARCH' then 'landing-page' when 'WEBINAR' then 'webinar'
    when 'EVENT' then 'trade-show' when 'REFERRAL' then 'partner' when 'CONTENT' then 'content-download' end
where email like '%@history.leadflow.example'
  and source_channel in ('WEB', 'PAID_SEARCH', 'WEBINAR', 'EVENT', 'REFERRAL', 'CONTENT');

update lead_activity a set channel = l.source_channel
from lead l
where l.id = a.lead_id and l.email like '%@history.leadflow.example'
  and a.channel in ('WEB', 'PAID_SEARCH', 'WEBINAR', 'EVENT', 'REFERRAL', 'CONTENT');
