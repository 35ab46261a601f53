-- An SMS about to be handed to the provider is written here first, in a transaction of its own that commits before
-- the call. If the instance dies after the provider accepted the SMS but before the send's own transaction recorded
-- it SENT, this row still says the number may have had it, and the daily and weekly caps count it
-- (docs/notifications.md, "SMS caps and a crash mid-send"). The send's transaction deletes the row with whatever
-- outcome it records. Only the notification's id: what the row is about is read from the notification itself. No
-- foreign key: the sending transaction holds the notification's row locked FOR UPDATE, and the key's check would make
-- this insert wait for that transaction, which waits for this insert.
create table sms_in_doubt (
    notification_id uuid primary key,
    attempted_at    timestamptz not null
);
create index sms_in_doubt_since on sms_in_doubt (attempted_at);
