-- Scheduler actions on a pair: cancellation (with its reason), completion (with a donated product's lot), no-show.
-- A completed or no-show appointment keeps holding its slot (the index appointment_slot_held_once counts every
-- status but CANCELLED): the time was used.
alter table appointment drop constraint appointment_status_check;
alter table appointment add constraint appointment_status_check
    check (status in ('BOOKED', 'CANCELLED', 'COMPLETED', 'NO_SHOW'));
alter table appointment add column product_lot text;
alter table appointment add column attended_at timestamptz;
alter table appointment_pair add column cancel_reason text;

-- A scheduler cancelled the case's pair: the case waits for a manual booking (it does not join the waitlist, which
-- would hand it the slots just freed).
alter table scheduling_case drop constraint scheduling_case_status_check;
alter table scheduling_case add constraint scheduling_case_status_check
    check (status in ('APPROVED', 'WAITLISTED', 'BOOKED', 'CANCELLED', 'WITHDRAWN'));
