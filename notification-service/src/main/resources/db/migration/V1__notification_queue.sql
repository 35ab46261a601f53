-- The delivery queue: one row per message to send. Consumers insert rows (in the inbox transaction of the event
-- that caused them); the dispatcher claims due PENDING rows, sends them and records the outcome.
create table notification (
    id                 uuid        primary key,
    event_id           uuid        not null,
    referral_id        uuid        not null,
    kind               text        not null,
    recipient_role     text        not null check (recipient_role in ('PATIENT', 'PHYSICIAN')),
    channel            text        not null check (channel in ('EMAIL', 'SMS')),
    -- null when the recipient gave no address for the channel: the row is then FAILED with NO_ADDRESS at once
    recipient_address  text,
    language           text        not null,
    subject            text        not null,
    body_text          text        not null,
    body_html          text,
    status             text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts           integer     not null default 0,
    due_at             timestamptz not null,
    last_attempt_at    timestamptz,
    -- a fixed code (PROVIDER_UNAVAILABLE, RECIPIENT_REJECTED, ...), never a provider's text
    last_error         text,
    sent_at            timestamptz,
    created_at         timestamptz not null default now(),
    -- a redelivered event, or a second consumer of it, can never queue the same message twice
    constraint notification_once_per_event_kind_recipient unique (event_id, kind, recipient_role)
);

create index notification_due on notification (due_at) where status = 'PENDING';
create index notification_by_referral on notification (referral_id, created_at);

-- Every delivery attempt, for the staff's delivery log.
create table notification_attempt (
    notification_id  uuid        not null references notification (id),
    attempt          integer     not null,
    attempted_at     timestamptz not null,
    outcome          text        not null check (outcome in ('SENT', 'RETRY', 'FAILED')),
    error_code       text,
    primary key (notification_id, attempt)
);
