package org.cellpath.domain;

/**
 * One bad field of a request: its JSON path (for example {@code patient.dateOfBirth}) and why it is
 * refused. Never the value itself.
 */
public record FieldProblem(String field, String message) {}
