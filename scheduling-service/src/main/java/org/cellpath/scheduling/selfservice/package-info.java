/**
 * The patient's own pages: a signed link (org.cellpath.links) opens one pair, which the patient may
 * read, confirm, move to a pair the planner offers, or cancel with a reason; and the YES by SMS
 * that confirms it.
 */
@NullMarked
package org.cellpath.scheduling.selfservice;

import org.jspecify.annotations.NullMarked;
