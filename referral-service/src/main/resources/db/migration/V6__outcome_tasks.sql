-- The clinician's task opened by the 12-week review (docs/outcomes.md, "The clinician's task at 12 weeks"): one per
-- referral at 12 weeks, whatever opened it and however often. The note is clinical: it lives here and in no log or audit row.
create table outcome_task (
  id           uuid primary key,
  referral_id  uuid not null references referral (id),
  survey_id    uuid not null references outcome_survey (id),
  opened_at    timestamptz not null,
  state        text not null check (state in ('OPEN', 'RESOLVED')),
  resolved_by  text,
  resolved_at  timestamptz,
  action       text check (action in ('CONTACTED_PATIENT', 'FOLLOW_UP_VISIT_BOOKED', 'REFERRED_BACK_TO_PHYSICIAN',
                                      'NO_ACTION_NEEDED', 'OTHER')),
  note         text check (char_length(note) <= 1000),
  -- The 12-week survey is one per referral, so this is one task per case at 12 weeks: a second handling of the
  -- same submission (or a submission after the miss was recorded) inserts nothing.
  unique (survey_id),
  check ((state = 'OPEN') = (resolved_at is null)),
  check ((state = 'OPEN') = (action is null))
);

create index outcome_task_open on outcome_task (opened_at) where state = 'OPEN';

-- Why the task was opened, as stored codes with the two scores compared (null for a reason that compares none).
create table outcome_task_finding (
  task_id    uuid not null references outcome_task (id),
  position   integer not null,
  code       text not null check (code in ('PAIN_UP', 'BELOW_MEANINGFUL_DIFFERENCE', 'NO_BASELINE', 'NO_ANSWER')),
  subscale   text,
  baseline   numeric(6, 2),
  later      numeric(6, 2),
  primary key (task_id, position)
);
