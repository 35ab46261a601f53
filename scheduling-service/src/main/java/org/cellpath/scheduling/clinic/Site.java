package org.cellpath.scheduling.clinic;

import java.time.ZoneId;
import java.util.UUID;

/** A place patients come to; its slots are kept in its own time zone. */
public record Site(UUID id, String name, String address, ZoneId timeZone) {}
