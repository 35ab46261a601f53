-- The audit trail: one row for every read and change of a referral or a review, and for every refused request
-- (401, 403, and the 404 that hides another physician's referral). Who (token subject and roles), what (action,
-- record), when, from where (the socket's peer address), and how it ended. Ids and codes only, never patient data.
--
-- Append-only. Two locks, because neither alone covers every deployment:
--  1. A trigger raises on UPDATE, DELETE and TRUNCATE for everyone, the table's owner and superusers included, as
--     long as the trigger exists. This is what stops the embedded test database and the local stack, where the
--     application connects as the owner (even as a superuser), to whom privileges do not apply.
--  2. UPDATE, DELETE and TRUNCATE are revoked from PUBLIC and from the role that runs this migration. That bites
--     when the application connects as a role that is neither the owner nor a superuser, which is how a
--     deployment should run it (Flyway as the owner; the application granted only what it needs: here SELECT
--     and INSERT). An owner can re-grant itself the privileges or drop the trigger, which is DDL and leaves its
--     own trace in the database log: keep the owner's credentials away from the application.
create table audit_event (
    id                      bigint      generated always as identity primary key,
    occurred_at             timestamptz not null default now(),
    subject                 text        not null,
    roles                   text        not null,
    action                  text        not null,
    resource_type           text,
    resource_id             text,
    -- the referral the action concerns, for a review action too; null when the request named none
    referral_id             uuid,
    -- the referrals a list answer disclosed (a physician's list, the reviewers' queue)
    disclosed_referral_ids  uuid[],
    outcome                 text        not null,
    remote_address          text
);

create index audit_event_by_referral on audit_event (referral_id, occurred_at) where referral_id is not null;
create index audit_event_by_subject on audit_event (subject, occurred_at);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_no_update_or_delete before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_is_append_only();

revoke update, delete, truncate on audit_event from public;
revoke update, delete, truncate on audit_event from current_user;
