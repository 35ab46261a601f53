/** The staff-facing delivery logs (per referral, per patient): addresses masked, bodies never shown, every read audited. */
package org.cellpath.notification.delivery.web;
