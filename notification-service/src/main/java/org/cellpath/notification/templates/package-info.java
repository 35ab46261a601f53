/**
 * Rendering of every patient and physician text from the Thymeleaf templates and message bundles
 * under {@code mail/}, shared by the email messages and the SMS texts.
 */
@NullMarked
package org.cellpath.notification.templates;

import org.jspecify.annotations.NullMarked;
