-- Records a consumer group never read because retention deleted them first (its committed offset was below the
-- partition's log start offset). One row per partition and committed offset, so that the check on assignment and
-- the periodic check, on any instance, report one gap once. Open until an operator acknowledges it.
create table consumer_gap (
    id                bigserial   primary key,
    binding           text        not null,
    consumer_group    text        not null,
    topic             text        not null,
    kafka_partition   integer     not null,
    committed_offset  bigint      not null,
    log_start_offset  bigint      not null,
    records_lost      bigint      not null,
    detected_by       text        not null,
    detected_at       timestamptz not null,
    acknowledged_at   timestamptz,
    acknowledged_by   text,
    unique (consumer_group, topic, kafka_partition, committed_offset)
);

create index consumer_gap_open on consumer_gap (id) where acknowledged_at is null;
