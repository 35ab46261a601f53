-- The reports on a case's outcomes in the referring physician's view (docs/outcomes.md, "Reports to the referring
-- physician"): one row per referral and report, made when the 6-week (interim) or 24-week (final) questionnaire is
-- submitted, or at its close when it is missed. The key makes a report ready once however often that is handled. No scores here: the report
-- is read from the questionnaires' scores when the physician opens it.
create table outcome_report (
  referral_id  uuid not null references referral (id),
  kind         text not null check (kind in ('INTERIM', 'FINAL')),
  ready_at     timestamptz not null,
  primary key (referral_id, kind)
);
