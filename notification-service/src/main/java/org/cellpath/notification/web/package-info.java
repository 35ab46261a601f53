/** The staff-facing delivery log over HTTP. */
package org.cellpath.notification.web;
