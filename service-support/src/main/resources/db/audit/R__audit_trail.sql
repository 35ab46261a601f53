-- The audit trail of a service (ADR 24): one row for every read of patient data and every change a person makes, and
-- for every refused request (403, the 404 that hides another physician's referral; 401s sampled, at most one a minute
-- per route). Who (token subject and roles), what (action, record, the referral it belongs to), when, from where (the
-- socket's peer address), and how it ended. Ids and codes only, never patient data.
--
-- Repeatable: this is the table's current definition, applied after the service's own migrations and again whenever
-- this file changes, so every statement must hold on a database that has the table already: referral-service created
-- it in its V3 before this file was shared, and that migration stays as it was applied.
--
-- Append-only, twice over:
--  1. A trigger raises on UPDATE, DELETE and TRUNCATE for everyone, the table's owner and superusers included, as
--     long as the trigger exists: that stops a service that connects as the owner (local runs and tests by default).
--  2. UPDATE, DELETE and TRUNCATE are held by no role: revoked below from PUBLIC and from every role that has them,
--     the owner included. The application connects as a role that owns nothing (R__application_role.sql grants it
--     SELECT and INSERT here), so it can neither change a row nor drop or disable the trigger; only the owner could,
--     by DDL that leaves its own trace in the database log. Keep the owner's credentials away from the application.
create table if not exists audit_event (
    id                      bigint      generated always as identity primary key,
    occurred_at             timestamptz not null default now(),
    subject                 text        not null,
    roles                   text        not null,
    action                  text        not null,
    resource_type           text,
    resource_id             text,
    -- the referral the action concerns, for an action on a review, a pair or a delivery log too; null when unknown
    referral_id             uuid,
    -- the referrals a list answer disclosed (a physician's list, the reviewers' queue, the waitlist, a calendar)
    disclosed_referral_ids  uuid[],
    outcome                 text        not null,
    remote_address          text
);

-- On a sampled refusal (outcome UNAUTHENTICATED): how many refusals of the same route were counted but not written
-- since the previous row of that route. Null on every other row.
alter table audit_event add column if not exists refusals_not_recorded bigint;

create index if not exists audit_event_by_referral on audit_event (referral_id, occurred_at)
    where referral_id is not null;
create index if not exists audit_event_by_subject on audit_event (subject, occurred_at);

create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create or replace trigger audit_event_no_update_or_delete before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
create or replace trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_is_append_only();

revoke update, delete, truncate on audit_event from public;
do $$
declare
    holder name;
begin
    -- The owner holds every privilege without a grant until its first revoke writes the table's privileges down.
    execute format('revoke update, delete, truncate on audit_event from %I',
                   (select pg_get_userbyid(relowner) from pg_class where oid = 'audit_event'::regclass));
    for holder in
        select distinct r.rolname
          from pg_class c
               cross join lateral aclexplode(c.relacl) a
               join pg_roles r on r.oid = a.grantee
         where c.oid = 'audit_event'::regclass
           and a.privilege_type in ('UPDATE', 'DELETE', 'TRUNCATE')
    loop
        execute format('revoke update, delete, truncate on audit_event from %I', holder);
    end loop;
end;
$$;
