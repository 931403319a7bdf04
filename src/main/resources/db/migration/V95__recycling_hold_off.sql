-- A lead that sales sent back to nurture rests there until hold_off_until (dmn/RecyclingHoldOff.dmn), unless it
-- asks for a demo or contact again; hold_off_rep, the rep who sent it back, is not offered it again in that time.
alter table lead add column hold_off_until timestamptz;
alter table lead add column hold_off_rep varchar(64);
alter table lead add column hold_off_from timestamptz;
