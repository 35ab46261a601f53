/**
 * The patient's questionnaire API ({@code /api/self-service/survey}): the link's token in the
 * {@code Patient-Link} header is the credential, rate-limited per link and audited per use.
 */
@NullMarked
package org.cellpath.referral.surveys.web;

import org.jspecify.annotations.NullMarked;
