/**
 * scheduling-service: clinic reference data, slots, and the booking of harvest and injection pairs.
 */
@NullMarked
package org.cellpath.scheduling;

import org.jspecify.annotations.NullMarked;
