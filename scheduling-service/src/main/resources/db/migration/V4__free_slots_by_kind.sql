-- Booking first asks for the earliest free slot of the kind a procedure starts with (Slots.firstFreeDay). On the
-- free-slot index alone that read past every free slot of the other kind first (0.8 ms a call with the first weeks
-- booked, issue 8 benchmark); by kind it is one index row.
create index slot_free_by_kind_start on slot (kind, starts_at) where not held and not blocked;
