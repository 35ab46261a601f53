/**
 * The clinic's reference data: clinicians, sites (with their time zone) and the rooms of each site.
 */
@NullMarked
package org.cellpath.scheduling.clinic;

import org.jspecify.annotations.NullMarked;
