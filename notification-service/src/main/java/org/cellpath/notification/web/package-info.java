/**
 * The HTTP edge: the staff-facing delivery logs (bearer tokens, roles in {@link ApiSecurity}) and the SMS provider's
 * signed reply webhook.
 */
package org.cellpath.notification.web;
