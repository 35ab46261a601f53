/**
 * Planning: the procedure rules of {@code docs/domain.md} §4 as a pure function from a case's
 * request and the free slots to the fitting harvest and injection pairs, best first, and the rules
 * a chosen pair breaks. No state, no database; booking asks, and the database decides who gets a
 * slot.
 */
@NullMarked
package org.cellpath.scheduling.planning;

import org.jspecify.annotations.NullMarked;
