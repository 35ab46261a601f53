package org.cellpath.console.api;

/**
 * One bad field of a request, as the services name it (its JSON path, such as {@code
 * patient.mobilePhone}).
 */
public record FieldProblem(String field, String message) {}
