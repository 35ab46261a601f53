/**
 * The clinic as its messages name it: its name, its phone number and the time zone used for a
 * patient whose own is unknown ({@code cellpath.clinic}); every feature that writes to a patient
 * reads it from here.
 */
@NullMarked
package org.cellpath.notification.clinic;

import org.jspecify.annotations.NullMarked;
