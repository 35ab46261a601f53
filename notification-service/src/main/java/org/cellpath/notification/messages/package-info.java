/**
 * Patient messages: which event calls for which message, and how it reads in English and Spanish (Thymeleaf
 * templates under {@code mail/}, wording in {@code mail/messages_*.properties}).
 */
package org.cellpath.notification.messages;
