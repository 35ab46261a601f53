package org.cellpath.scheduling.clinic;

import java.util.UUID;

/** A room of one site. */
public record Room(UUID id, UUID siteId, String name) {}
