/**
 * How every CellPath API reports errors: RFC 9457 problem details that name each bad field with a
 * reason, and never echo a submitted value (it may be patient data).
 */
@NullMarked
package org.cellpath.web;

import org.jspecify.annotations.NullMarked;
