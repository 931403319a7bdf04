-- Who did something is a user or "api-key:" and the key's name (up to 100 characters), as in inquiry.captured_by.
alter table lead_activity alter column recorded_by type varchar(120);
-- Where a consent was given, as in inquiry.consent_source: a landing page's address with its campaign is long.
alter table lead alter column consent_source type varchar(300);
