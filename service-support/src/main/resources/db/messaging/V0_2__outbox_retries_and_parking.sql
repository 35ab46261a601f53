-- An outbox event the broker does not take is retried with a growing back-off and, after its attempts, parked:
-- left unpublished with the reason in last_error. Later events of its key (its referral) wait behind it; other keys
-- go on.
alter table outbox_event add column next_attempt_at timestamptz;
alter table outbox_event add column parked_at timestamptz;

-- The events that hold up their keys: parked, or waiting for a retry. Almost always empty, so the relay's check
-- "no earlier event of this key is held" costs one probe of an empty index per pending event.
create index outbox_event_held on outbox_event (message_key, id)
    where published_at is null and (parked_at is not null or next_attempt_at is not null);

-- The re-publish tool selects published events by time.
create index outbox_event_published_at on outbox_event (published_at) where published_at is not null;
