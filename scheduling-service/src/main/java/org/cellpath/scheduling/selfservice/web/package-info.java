/**
 * The self-service API ({@code /api/self-service/appointments}): the link's token in the {@code
 * Patient-Link} header is the credential, rate-limited per link and audited per use.
 */
@NullMarked
package org.cellpath.scheduling.selfservice.web;

import org.jspecify.annotations.NullMarked;
