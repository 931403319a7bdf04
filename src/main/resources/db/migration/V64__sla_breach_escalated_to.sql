-- The group the SLA policy escalated a breach to, as the table read when the deadline passed: the manager's mail
-- after a reassignment goes out in a step of its own and must not decide the policy again.
alter table sla_breach add column escalated_to varchar(255);
