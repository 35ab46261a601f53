-- What the physician needs of scheduling's reports beside the status: which happening an entry records (booked,
-- moved, confirmed, completed, no-show, cancelled), by which channel a patient confirmed, and each appointment's
-- kind, time (with the site's zone) and place. Nothing about the patient. Older entries have none.
alter table referral_timeline add column detail jsonb;
