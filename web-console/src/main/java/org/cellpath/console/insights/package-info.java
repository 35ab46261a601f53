/**
 * What the clinic learns: the outcomes page for reviewing clinicians and clinic staff (figures,
 * server-drawn SVG charts, filters, the CSV), and the panel of similar past cases on the reviewer's
 * case page. The console keeps none of it: every figure is referral-service's, read with the
 * signed-in person's token.
 */
package org.cellpath.console.insights;
