-- Waitlisted cases are booked oldest first when slots are added or freed (DOMAIN.md section 4), also when a new
-- approval is planned before the waitlist worker has looked at those slots.
--
-- Every change that adds or frees slots (a slot created or unblocked, a pair cancelled, moved or withdrawn) raises
-- the release generation in its own transaction: whoever sees the slots also sees the raised generation. One row,
-- updated as the last step of such a change, so releases queue only behind each other's commits.
create table slot_release (
    id          boolean primary key default true check (id),
    generation  bigint  not null
);
insert into slot_release (id, generation) values (true, 0);

-- The release generation a waitlisted case was last planned against. A waitlisted case below the current generation
-- has not been tried against the slots released since; a new approval gives it its turn before planning itself.
alter table scheduling_case add column tried_generation bigint not null default 0;

-- "Is any waitlisted case behind?": one index probe, which is all a new approval asks in the common case.
create index scheduling_case_untried on scheduling_case (tried_generation) where status = 'WAITLISTED';
