-- Waitlist offers (docs/domain.md §8.3, ADR 37). A clinic setting chooses whether the waitlist books a fitting pair
-- (AUTOMATIC, the behaviour before offers) or offers it to the patient with a hold (OFFERS). One row, changed at run
-- time by a scheduler.
create table clinic_waitlist_setting (
    id                  boolean     primary key default true check (id),
    mode                text        not null check (mode in ('AUTOMATIC', 'OFFERS')),
    offer_hold_seconds  integer     not null check (offer_hold_seconds between 60 and 259200),
    updated_at          timestamptz not null default now()
);
insert into clinic_waitlist_setting (id, mode, offer_hold_seconds) values (true, 'AUTOMATIC', 14400);

-- An offered pair holds its slots as a booked one does: its appointments are BOOKED, so appointment_slot_held_once
-- and the held flag's trigger keep a slot to one offer or booking, whoever tries. The pair itself is OFFERED until
-- the patient accepts (BOOKED) or declines or the hold runs out (CANCELLED, with how the offer ended).
alter table appointment_pair drop constraint appointment_pair_status_check;
alter table appointment_pair add constraint appointment_pair_status_check
    check (status in ('OFFERED', 'BOOKED', 'CANCELLED'));
alter table appointment_pair add column offer_expires_at timestamptz;
alter table appointment_pair add column offer_end text check (offer_end in ('ACCEPTED', 'DECLINED', 'EXPIRED'));
alter table appointment_pair add constraint appointment_pair_offered_has_hold
    check (status <> 'OFFERED' or (offer_expires_at is not null and offer_end is null));

-- A case has at most one active pair, offered or booked.
drop index appointment_pair_one_active_per_case;
create unique index appointment_pair_one_active_per_case on appointment_pair (referral_id)
    where status in ('OFFERED', 'BOOKED');

-- The expiry sweep reads the open offers whose hold has run out, soonest first.
create index appointment_pair_open_offer on appointment_pair (offer_expires_at) where status = 'OFFERED';

-- A waitlisted case with an open offer is OFFERED: it keeps waitlisted_at (its place in the queue) and leaves the
-- waitlist index while the offer is open, so the waitlist goes on to the cases behind it.
alter table scheduling_case drop constraint scheduling_case_status_check;
alter table scheduling_case add constraint scheduling_case_status_check
    check (status in ('APPROVED', 'WAITLISTED', 'OFFERED', 'BOOKED', 'CANCELLED', 'WITHDRAWN', 'RETURNED'));
alter table scheduling_case add constraint scheduling_case_offered_keeps_place
    check (status <> 'OFFERED' or waitlisted_at is not null);
