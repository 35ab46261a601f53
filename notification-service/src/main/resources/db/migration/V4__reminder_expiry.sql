-- A reminder before a procedure names a day ("in 3 days", "tomorrow", "start your NSAID pause today"): sent after
-- its moment it tells the patient something false. The moment it stops being worth sending is fixed when it is
-- queued; the dispatcher closes a row whose moment has passed (CANCELLED, closed_reason EXPIRED) instead of sending
-- it. Null for every message that goes however late: confirmations, follow-ups, physician messages.
alter table notification add column expires_at timestamptz;
