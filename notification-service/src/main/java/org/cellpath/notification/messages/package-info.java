/**
 * Patient and physician messages: which event calls for which message, and how it reads (patients
 * in English and Spanish, referring physicians in English; Thymeleaf templates under {@code mail/},
 * wording in {@code mail/messages_*.properties} and {@code mail/physician_en.properties}).
 */
@NullMarked
package org.cellpath.notification.messages;

import org.jspecify.annotations.NullMarked;
