-- A patient confirms the pair as it stands: confirmed_sequence is the pair's sequence when they did. A move raises
-- sequence, so a moved pair reads as unconfirmed again until the patient confirms the new times.
alter table appointment_pair add column confirmed_sequence integer;
alter table appointment_pair add column confirmed_at timestamptz;
alter table appointment_pair add column confirmed_by text
    check (confirmed_by in ('PATIENT_LINK', 'SMS_REPLY', 'STAFF'));
alter table appointment_pair add constraint appointment_pair_confirmation_whole
    check ((confirmed_sequence is null) = (confirmed_at is null) and (confirmed_at is null) = (confirmed_by is null));
