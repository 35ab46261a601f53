package org.cellpath.contracts;

/** How a patient prefers to be reached. */
public enum ContactChannel {
  EMAIL,
  SMS
}
