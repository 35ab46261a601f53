/** The clinic staff's page of what was sent to whom and when, with addresses masked. */
package org.cellpath.console.staff;
