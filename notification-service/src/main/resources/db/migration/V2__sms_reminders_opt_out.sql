-- Issue 5: SMS beside email, messages due later (reminders, follow-ups), and SMS opt-outs.

-- One delivery per (event, message kind, recipient, channel): the booking confirmation goes by email and by SMS.
alter table notification drop constraint notification_once_per_event_kind_recipient;
alter table notification add constraint notification_once_per_event_kind_recipient_channel
    unique (event_id, kind, recipient_role, channel);

-- CANCELLED: a reschedule or cancellation made it name an old time, so it never goes out.
-- SKIPPED: an SMS that may not go (opted out, daily or weekly limit); its email fallback, if any, is queued instead.
alter table notification drop constraint notification_status_check;
alter table notification add constraint notification_status_check
    check (status in ('PENDING', 'SENT', 'FAILED', 'CANCELLED', 'SKIPPED'));

alter table notification
    -- the appointment pair a message is about, and the pair's calendar sequence it was written for
    add column pair_id            uuid,
    add column pair_sequence      integer,
    -- the recipient's IANA zone, for the SMS sending window and daily limit; null = the clinic's zone
    add column time_zone          text,
    -- an iCalendar file attached to the email (booking, reschedule, cancellation)
    add column calendar_ics       text,
    -- why a message was CANCELLED or SKIPPED (a fixed code)
    add column closed_reason      text,
    add column closed_at          timestamptz,
    -- for an SMS that must reach the patient anyway (reminders): the email to queue when the SMS may not go
    add column fallback_address   text,
    add column fallback_subject   text,
    add column fallback_text      text,
    add column fallback_html      text;

create index notification_pending_by_pair on notification (pair_id) where status = 'PENDING';
-- the SMS limits count what was sent to a number
create index notification_sms_sent on notification (recipient_address, sent_at)
    where channel = 'SMS' and status = 'SENT';
create index notification_by_address on notification (recipient_address, created_at);

-- The newest calendar sequence seen per appointment pair: an event older than it (a replay from a dead-letter topic)
-- must not queue messages or reminders for times that no longer hold.
create table appointment_pair (
    pair_id      uuid        primary key,
    referral_id  uuid        not null,
    sequence     integer     not null,
    cancelled    boolean     not null,
    updated_at   timestamptz not null
);

-- Numbers that answered STOP (or another opt-out word). Checked when an SMS is queued and again when it is sent.
create table sms_opt_out (
    phone          text        primary key,
    opted_out_at   timestamptz not null
);
