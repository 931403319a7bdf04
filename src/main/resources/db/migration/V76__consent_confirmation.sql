-- A consent ticked for a person who unsubscribed before waits for their confirmation through a link mailed to them
-- (double opt-in): PENDING until the link is followed, then CONFIRMED.
alter table inquiry add column consent_confirmation varchar(10);
alter table inquiry add constraint inquiry_consent_confirmation
  check (consent_confirmation in ('PENDING', 'CONFIRMED'));
