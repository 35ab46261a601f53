/**
 * The SMS provider's reply webhook: signed requests only (current and previous secret), replies
 * handed to {@code SmsReplies}.
 */
@NullMarked
package org.cellpath.notification.sms.web;

import org.jspecify.annotations.NullMarked;
