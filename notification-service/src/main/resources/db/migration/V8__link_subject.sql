-- A message's link opens more than an appointment pair now: a questionnaire's link opens the survey. The column keeps
-- what the link grants, whatever it is about; the message's kind says which (a pair, an offer, a questionnaire).
alter table notification rename column link_pair_id to link_subject_id;
