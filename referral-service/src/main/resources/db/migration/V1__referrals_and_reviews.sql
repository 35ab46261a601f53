-- A referral as the physician submitted it. The clinical and contact details are kept whole in `details`
-- (what was submitted is what was reviewed); the columns are what the service queries and guards on.
create table referral (
    id               uuid        primary key,
    status           text        not null,
    physician_npi    text        not null,
    idempotency_key  text        unique,
    details          jsonb       not null,
    submitted_at     timestamptz not null,
    updated_at       timestamptz not null,
    version          integer     not null default 0
);

create index referral_by_physician on referral (physician_npi, submitted_at desc);

-- Every status change, dated: what the physician sees as the case's timeline.
create table referral_timeline (
    id           bigserial   primary key,
    referral_id  uuid        not null references referral (id),
    status       text        not null,
    occurred_at  timestamptz not null,
    note         text
);

create index referral_timeline_by_referral on referral_timeline (referral_id, id);

-- An eligibility review: the pre-screen's findings and recommendation, then a clinician's decision.
create table eligibility_review (
    id              uuid        primary key,
    referral_id     uuid        not null references referral (id),
    state           text        not null,
    recommendation  text        not null,
    findings        jsonb       not null,
    opened_at       timestamptz not null,
    decided_at      timestamptz,
    decision        text,
    decision_detail jsonb
);

-- At most one open review per referral.
create unique index eligibility_review_one_open on eligibility_review (referral_id) where state = 'OPEN';
create index eligibility_review_queue on eligibility_review (opened_at) where state = 'OPEN';
