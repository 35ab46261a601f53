-- What the application may do in its database (ADR 24). Flyway runs as the owner of the schema and its tables
-- (DB_MIGRATION_USERNAME); the service connects as ${application_role} (DB_USERNAME), a role that owns nothing and
-- holds only these grants: it reads and writes rows, and cannot create, alter, drop or disable anything.
--  - SELECT, INSERT, UPDATE, DELETE on every table of the schema but Flyway's history;
--  - SELECT and INSERT only on the audit trail (R__audit_trail.sql takes UPDATE, DELETE and TRUNCATE from everyone);
--  - USAGE on the sequences (serial ids);
--  - the same on tables and sequences the owner creates later (default privileges), so a later migration's table is
--    usable at once; a later append-only table must revoke UPDATE, DELETE and TRUNCATE itself, as the audit trail's
--    file does.
--
-- Repeatable, and Flyway counts the placeholder's value in a repeatable migration's checksum: it runs again when the
-- application role changes. The new role gets the grants; the old one keeps its own until an operator revokes them.
--
-- With one user for both (local runs and tests by default, DB_MIGRATION_USERNAME unset) the application owns the
-- tables and there is nothing to grant: only the audit trail's trigger stands between it and the rows.
do $$
declare
    application_role constant name := '${application_role}';
    history constant name := '${flyway:table}';
    schema_name constant name := current_schema();
    listed record;
begin
    if application_role = current_user then
        return;
    end if;
    execute format('grant usage on schema %I to %I', schema_name, application_role);
    for listed in select tablename from pg_tables where schemaname = schema_name and tablename <> history loop
        if listed.tablename = 'audit_event' then
            execute format('grant select, insert on %I.%I to %I', schema_name, listed.tablename, application_role);
            execute format('revoke update, delete, truncate on %I.%I from %I', schema_name, listed.tablename,
                           application_role);
        else
            execute format('grant select, insert, update, delete on %I.%I to %I', schema_name, listed.tablename,
                           application_role);
        end if;
    end loop;
    execute format('revoke all on %I.%I from %I', schema_name, history, application_role);
    execute format('grant usage on all sequences in schema %I to %I', schema_name, application_role);
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to %I',
                   schema_name, application_role);
    execute format('alter default privileges in schema %I grant usage on sequences to %I', schema_name,
                   application_role);
end;
$$;
