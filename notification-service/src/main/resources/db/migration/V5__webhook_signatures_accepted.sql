-- Signatures of the SMS provider's webhook calls already acted on. A signed call is accepted once: the same call
-- again within its 5-minute window (a replay) finds its signature here and is refused like a forged one. In the
-- database, not in an instance's memory, so that a call replayed to another instance is refused too. A row is kept
-- until its call is too old to verify anyway (purged as calls arrive).
create table sms_webhook_signature (
    -- HMAC-SHA256(secret, t + "." + body): one per signed call
    signature    bytea       primary key,
    signed_at    timestamptz not null,
    accepted_at  timestamptz not null
);

create index sms_webhook_signature_by_signed_at on sms_webhook_signature (signed_at);
