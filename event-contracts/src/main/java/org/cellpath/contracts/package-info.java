/**
 * The events CellPath services exchange over Kafka: immutable records named in the past tense, the
 * topic each travels on, and the CloudEvents-style header names of the envelope. Nothing here
 * depends on Spring or a persistence library, so any service (or a test) can read and write these
 * events.
 *
 * <p>Evolution: add fields, never rename or remove them; readers ignore fields they do not know.
 */
@NullMarked
package org.cellpath.contracts;

import org.jspecify.annotations.NullMarked;
