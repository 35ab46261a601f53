-- A scheduler may close a case whose pair was missed or cancelled (or that waits on the waitlist) and return it to
-- the referring physician (docs/domain.md §8.5). RETURNED is final: the waitlist reads WAITLISTED cases only, so a
-- returned case is never booked again and the slots it freed stay free. The reason is a code; a note in words is
-- not kept (the physician hears it from the clinic).
alter table scheduling_case drop constraint scheduling_case_status_check;
alter table scheduling_case add constraint scheduling_case_status_check
    check (status in ('APPROVED', 'WAITLISTED', 'BOOKED', 'CANCELLED', 'WITHDRAWN', 'RETURNED'));
alter table scheduling_case add column return_reason text
    check (return_reason in ('PATIENT_UNREACHABLE', 'PATIENT_DECLINED', 'REPEATED_NO_SHOW', 'NO_SUITABLE_SLOTS', 'OTHER'));
alter table scheduling_case add constraint scheduling_case_returned_with_reason
    check (status <> 'RETURNED' or return_reason is not null);
