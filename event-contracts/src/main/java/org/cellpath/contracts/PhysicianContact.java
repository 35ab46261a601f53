package org.cellpath.contracts;

/**
 * The referring physician, as the closed loop needs them: who, which practice, and where to write.
 */
public record PhysicianContact(String name, String practice, String email, String phone) {}
