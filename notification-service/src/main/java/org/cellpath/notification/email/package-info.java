/**
 * The email channel: SMTP through pooled connections, a message per queued notification with a Message-ID made from
 * its id, so a resend after a lost commit is recognisably the same message.
 */
package org.cellpath.notification.email;
