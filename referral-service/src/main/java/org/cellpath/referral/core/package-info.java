/** The referral aggregate: its status machine, its dated timeline and its store. */
package org.cellpath.referral.core;
