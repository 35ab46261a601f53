-- Duplicate detection: the same physician, patient, condition and side within 24 hours is one referral.
-- The patient is keyed by a SHA-256 of normalized names and date of birth, so the column holds no readable data.
alter table referral add column patient_key text;
alter table referral add column condition text;
alter table referral add column side text;

update referral set
    condition = details ->> 'condition',
    side = details ->> 'side',
    patient_key = encode(sha256(convert_to(
        lower(trim(details -> 'patient' ->> 'givenName')) || '|' || lower(trim(details -> 'patient' ->> 'familyName'))
        || '|' || (details -> 'patient' ->> 'dateOfBirth'), 'UTF8')), 'hex');

alter table referral alter column patient_key set not null;
alter table referral alter column condition set not null;
alter table referral alter column side set not null;

create index referral_duplicates on referral (physician_npi, patient_key, condition, side, submitted_at);
create index referral_by_physician_status on referral (physician_npi, status, submitted_at desc);

-- Scheduling reports are dated by when they happened at scheduling, not when they arrived here, so that the
-- timeline reads the same whatever order redeliveries come in.
alter table referral_timeline add column reported_by_scheduling boolean not null default false;
drop index referral_timeline_by_referral;
create index referral_timeline_by_referral on referral_timeline (referral_id, occurred_at, id);
