package org.cellpath.notification.delivery;

/** Who a message is for; what events and the delivery log show instead of the address. */
public enum RecipientRole {
  PATIENT,
  PHYSICIAN
}
