-- The patient's self-service link is minted when a message is sent, not when it is queued: a reminder queued weeks
-- ahead carries a link valid from its sending (links live 14 days at most). The row keeps what the link grants; the
-- body keeps a placeholder where the link goes, so no token is ever stored, logged or shown in the delivery log.
alter table notification
    -- the appointment pair the link opens (null: the message carries no link)
    add column link_pair_id  uuid,
    -- when the link stops working: the pair's first appointment start (null: as long as a link may live)
    add column link_until    timestamptz;

-- Replies the service sends to a patient's SMS (HELP, START, a confirmation's thanks) and the staff's answers from
-- the inbox may concern no referral (a HELP from a number the clinic does not know).
alter table notification alter column referral_id drop not null;

-- SMS consent as a history, per number (stored as sms_opt_out stores it): the opt-in given with the referral (the
-- wording shown), each STOP and each START / UNSTOP (the word received). sms_opt_out stays the current state.
create table sms_consent_event (
    id           uuid        primary key,
    -- the order events were recorded in (two in the same instant keep theirs)
    seq          bigint      generated always as identity,
    phone        text        not null,
    kind         text        not null check (kind in ('OPT_IN', 'OPT_OUT', 'OPT_BACK_IN')),
    -- REFERRAL (the consent box of the referral form), SMS (a reply)
    channel      text        not null check (channel in ('REFERRAL', 'SMS')),
    -- the wording shown (opt-in) or the word received (STOP, START)
    wording      text        not null,
    referral_id  uuid,
    -- the patient's name as the referral gave it (opt-in only): staff see whose reply it is
    patient_name text,
    -- the patient's zone and language as the referral gave them (opt-in only): for answers to a number the
    -- service has not texted yet
    time_zone    text,
    language     text,
    occurred_at  timestamptz not null
);

create index sms_consent_event_by_phone on sms_consent_event (phone, seq);

-- The staff's SMS inbox: every reply that is no keyword (and a YES from a number with no upcoming pair).
create table sms_reply (
    id           uuid        primary key,
    phone        text        not null,
    body         text        not null,
    received_at  timestamptz not null,
    -- the referral and pair the number's messages were about, when one matched
    referral_id  uuid,
    pair_id      uuid,
    status       text        not null default 'OPEN' check (status in ('OPEN', 'HANDLED')),
    handled_by   text,
    handled_at   timestamptz,
    -- the staff's answer, sent as an SMS through the queue
    answer       text,
    answer_notification_id uuid
);

create index sms_reply_open on sms_reply (received_at desc) where status = 'OPEN';

-- The appointments of each pair as its newest booking or move named them: the physician's "booked" and "moved"
-- emails (which come from referral-service's milestones, carrying no times) name their date, time and place.
create table pair_appointment (
    pair_id         uuid        not null references appointment_pair (pair_id),
    appointment_id  uuid        not null,
    kind            text        not null,
    starts_at       timestamptz not null,
    ends_at         timestamptz not null,
    time_zone       text,
    site_name       text,
    site_address    text,
    room_name       text,
    primary key (pair_id, appointment_id)
);
