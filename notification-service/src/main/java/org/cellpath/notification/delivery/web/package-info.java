/**
 * The staff-facing delivery logs (per referral, per patient): addresses masked, bodies never shown,
 * every read audited.
 */
@NullMarked
package org.cellpath.notification.delivery.web;

import org.jspecify.annotations.NullMarked;
