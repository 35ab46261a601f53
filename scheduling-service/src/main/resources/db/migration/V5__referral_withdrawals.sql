-- Every withdrawal scheduling has been told of, whether or not the referral had a case then. A withdrawal can come
-- before its approval is handled (the approval failed and sits in a dead-letter topic until it is replayed, or is
-- redelivered): the approval then finds the referral here and opens no case, books nothing and announces nothing.
-- Ids and times only; kept as long as an approval could still be replayed, which has no end.
create table referral_withdrawal (
    referral_id          uuid        primary key,
    withdrawal_event_id  uuid        not null,
    withdrawn_at         timestamptz not null,
    recorded_at          timestamptz not null default now()
);
