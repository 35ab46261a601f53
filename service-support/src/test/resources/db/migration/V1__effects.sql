-- What the test consumer does to the world: one row per handled event.
create table effect (
    event_id     uuid primary key,
    referral_id  uuid not null,
    seen_at      timestamptz not null default now()
);
