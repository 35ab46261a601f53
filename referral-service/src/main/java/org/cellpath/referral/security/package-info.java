/** Who may call which endpoint of referral-service; the object-level rules live with each controller. */
package org.cellpath.referral.security;
