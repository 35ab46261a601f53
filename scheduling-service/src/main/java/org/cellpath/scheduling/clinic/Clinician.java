package org.cellpath.scheduling.clinic;

import java.util.UUID;

/** A clinician who harvests and injects. */
public record Clinician(UUID id, String name) {}
