/** The physician's API: submit a referral, follow its status. */
package org.cellpath.referral.web;
