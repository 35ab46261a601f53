-- Whether an appointment holds the slot, kept on the slot itself so that the search for bookable slots reads only
-- free ones. Without it, every search visited each booked slot of the days it covered (to find no appointment on
-- it), so a booking cost more the fuller the calendar was ahead of it (issue 8: 81% of the database's statement time
-- under load).
--
-- The flag follows the appointments in the same transaction, through a trigger, whatever changes them (booking,
-- moving, cancelling, a hand-written fix). appointment_slot_held_once stays what prevents double booking; the flag
-- is what the search reads.
alter table slot add column held boolean not null default false;

update slot set held = true
 where id in (select slot_id from appointment where status <> 'CANCELLED');

create function slot_held_follows_appointments() returns trigger
    language plpgsql as
$$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        update slot
           set held = exists (select 1 from appointment a where a.slot_id = old.slot_id and a.status <> 'CANCELLED')
         where id = old.slot_id;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and (tg_op = 'INSERT' or new.slot_id <> old.slot_id) then
        update slot
           set held = exists (select 1 from appointment a where a.slot_id = new.slot_id and a.status <> 'CANCELLED')
         where id = new.slot_id;
    end if;
    return null;
end;
$$;

create trigger appointment_holds_slot
    after insert or delete or update of status, slot_id on appointment
    for each row execute function slot_held_follows_appointments();

-- The search: free (neither held nor blocked) slots by start.
create index slot_free_by_start on slot (starts_at) where not held and not blocked;
