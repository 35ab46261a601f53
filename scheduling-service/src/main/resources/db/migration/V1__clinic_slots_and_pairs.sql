-- scheduling-service: clinic reference data, slots, scheduling cases, appointment pairs.
-- Every invariant that concurrent schedulers and consumers could break is enforced here, not only in Java.

-- btree_gist lets an exclusion constraint combine equality on a uuid with overlap on a range.
-- It ships with PostgreSQL's contrib (zonky's embedded binaries, the official image) and is a trusted extension
-- (PostgreSQL 13+), so a database owner without superuser rights may create it.
create extension if not exists btree_gist;

create table clinician (
    id          uuid        primary key,
    name        text        not null check (length(btrim(name)) > 0),
    created_at  timestamptz not null default now()
);

create table site (
    id          uuid        primary key,
    name        text        not null check (length(btrim(name)) > 0),
    address     text        not null check (length(btrim(address)) > 0),
    -- IANA zone id; validated by the application (PostgreSQL cannot check it in a constraint).
    time_zone   text        not null,
    created_at  timestamptz not null default now()
);

create table room (
    id          uuid        primary key,
    site_id     uuid        not null references site (id),
    name        text        not null check (length(btrim(name)) > 0),
    created_at  timestamptz not null default now(),
    constraint room_name_unique_per_site unique (site_id, name)
);

-- A slot is a stretch of one clinician's time in one room, kept by schedulers. Start and end are UTC instants;
-- the local date and time are those of the room's site.
create table slot (
    id            uuid        primary key,
    clinician_id  uuid        not null references clinician (id),
    room_id       uuid        not null references room (id),
    kind          text        not null check (kind in ('HARVEST', 'INJECTION')),
    starts_at     timestamptz not null,
    ends_at       timestamptz not null,
    blocked       boolean     not null default false,
    created_at    timestamptz not null default now(),
    constraint slot_ends_after_start check (ends_at > starts_at),
    -- A clinician is in one place at a time, a room holds one appointment at a time: half-open ranges, so a slot
    -- may start exactly when the previous one ends.
    constraint slot_clinician_no_overlap
        exclude using gist (clinician_id with =, tstzrange(starts_at, ends_at, '[)') with &&),
    constraint slot_room_no_overlap
        exclude using gist (room_id with =, tstzrange(starts_at, ends_at, '[)') with &&)
);

create index slot_starts_at on slot (starts_at);

-- What scheduling keeps of an approval, so that a waitlisted case can be planned again later. The patient contact
-- is kept only to put it on the events notification-service needs; no diagnosis is stored here.
create table scheduling_case (
    referral_id                    uuid        primary key,
    approval_event_id              uuid        not null,
    approved_at                    timestamptz not null,
    cell_source                    text        not null
        check (cell_source in ('BONE_MARROW', 'ADIPOSE', 'AMNIOTIC', 'UMBILICAL_CORD')),
    last_corticosteroid_injection  date,
    preferences                    jsonb       not null,
    patient                        jsonb       not null,
    -- APPROVED exists only inside the transaction that plans the case; it always leaves as BOOKED or WAITLISTED.
    status                         text        not null
        check (status in ('APPROVED', 'WAITLISTED', 'BOOKED', 'WITHDRAWN')),
    waitlisted_at                  timestamptz,
    searched_from                  date,
    searched_until                 date,
    created_at                     timestamptz not null default now(),
    updated_at                     timestamptz not null default now(),
    constraint scheduling_case_waitlist_has_time check (status <> 'WAITLISTED' or waitlisted_at is not null)
);

-- The waitlist, oldest first.
create index scheduling_case_waitlist on scheduling_case (waitlisted_at, referral_id) where status = 'WAITLISTED';

create table appointment_pair (
    id            uuid        primary key,
    referral_id   uuid        not null references scheduling_case (referral_id),
    status        text        not null check (status in ('BOOKED', 'CANCELLED')),
    -- Calendar SEQUENCE: rises with every change that notifications must re-send.
    sequence      integer     not null default 0,
    booked_at     timestamptz not null,
    cancelled_at  timestamptz,
    constraint appointment_pair_cancel_time check ((status = 'CANCELLED') = (cancelled_at is not null))
);

-- A case has at most one active pair.
create unique index appointment_pair_one_active_per_case on appointment_pair (referral_id) where status = 'BOOKED';

create table appointment (
    id          uuid        primary key,
    pair_id     uuid        not null references appointment_pair (id),
    kind        text        not null check (kind in ('HARVEST', 'INJECTION')),
    slot_id     uuid        not null references slot (id),
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    status      text        not null check (status in ('BOOKED', 'CANCELLED')),
    constraint appointment_ends_after_start check (ends_at > starts_at),
    constraint appointment_one_per_kind_per_pair unique (pair_id, kind)
);

-- No slot is ever held by two appointments, however many schedulers and consumers book at once. Only a
-- cancelled appointment lets go of its slot, so statuses added later (completed, no-show) keep holding it.
create unique index appointment_slot_held_once on appointment (slot_id) where status <> 'CANCELLED';

create index appointment_pair_by_referral on appointment_pair (referral_id);
create index appointment_by_pair on appointment (pair_id);
