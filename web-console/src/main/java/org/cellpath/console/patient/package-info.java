/**
 * The patient's own pages, {@code /p/<token>}: no sign-in, the signed link is the credential. They
 * read and change the patient's pair through scheduling-service's self-service API, with the token
 * in the {@code Patient-Link} header.
 */
package org.cellpath.console.patient;
