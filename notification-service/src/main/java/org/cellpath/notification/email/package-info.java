/**
 * The email channel: SMTP through pooled connections, a message per queued notification with a
 * Message-ID made from its id, so a resend after a lost commit is recognisably the same message.
 */
@NullMarked
package org.cellpath.notification.email;

import org.jspecify.annotations.NullMarked;
