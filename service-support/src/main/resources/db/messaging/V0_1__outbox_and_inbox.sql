-- Transactional outbox: a service writes its events here in the same transaction as the state change that
-- caused them; the relay ships them to Kafka in id order and marks them published once the broker acknowledged.
create table outbox_event (
    id            bigserial   primary key,
    event_id      uuid        not null unique,
    topic         text        not null,
    message_key   text        not null,
    event_type    text        not null,
    payload       jsonb       not null,
    traceparent   text,
    occurred_at   timestamptz not null,
    created_at    timestamptz not null default now(),
    published_at  timestamptz,
    attempts      integer     not null default 0,
    last_error    text
);

create index outbox_event_pending on outbox_event (id) where published_at is null;

-- Inbox: one row per (consumer, event) processed, written in the same transaction as the effect, so that a
-- redelivered event is recognised and skipped.
create table inbox_event (
    consumer      text        not null,
    event_id      uuid        not null,
    event_type    text        not null,
    processed_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
