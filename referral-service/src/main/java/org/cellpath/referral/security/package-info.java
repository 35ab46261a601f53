/**
 * Who may call which endpoint of referral-service; the object-level rules live with each
 * controller.
 */
@NullMarked
package org.cellpath.referral.security;

import org.jspecify.annotations.NullMarked;
