-- The patient's questionnaires (docs/outcomes.md, "When a questionnaire is asked"): one row per referral and time
-- point, planned, opened, reminded, completed, missed or stopped by the sweep and by what scheduling reports.
-- Answers and scores are clinical: they live here and in no log, metric or event.
create table outcome_survey (
  id              uuid primary key,
  referral_id     uuid not null references referral (id),
  time_point      text not null check (time_point in ('BASELINE', 'WEEK_6', 'WEEK_12', 'WEEK_24')),
  state           text not null check (state in ('PLANNED', 'OPEN', 'COMPLETED', 'MISSED', 'STOPPED')),
  -- A follow-up opens only once the injection is recorded completed; until then its due time is a plan.
  injection_done  boolean not null default false,
  due_at          timestamptz not null,
  remind_at       timestamptz,
  closes_at       timestamptz,
  opened_at       timestamptz,
  reminded_at     timestamptz,
  completed_at    timestamptz,
  unique (referral_id, time_point)
);

-- What the sweep looks for: planned surveys falling due, open ones to remind or to close.
create index outcome_survey_due on outcome_survey (due_at) where state = 'PLANNED';
create index outcome_survey_open on outcome_survey (closes_at) where state = 'OPEN';

-- One answer per item, replaced as the patient changes it and removed when they clear it.
create table outcome_answer (
  survey_id   uuid not null references outcome_survey (id),
  instrument  text not null,
  item        text not null,
  score       integer not null,
  saved_at    timestamptz not null,
  primary key (survey_id, instrument, item)
);

-- The scores computed when the patient submits; a subscale the answers cannot score is null, never 0.
create table outcome_score (
  survey_id   uuid not null references outcome_survey (id),
  instrument  text not null,
  subscale    text not null,
  score       numeric(6, 2),
  answered    integer not null,
  primary key (survey_id, instrument, subscale)
);
