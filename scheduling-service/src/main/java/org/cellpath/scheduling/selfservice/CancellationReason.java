package org.cellpath.scheduling.selfservice;

/** Why a patient cancels through their link: the choices the page offers. */
public enum CancellationReason {
  SCHEDULE_CONFLICT,
  FEELING_BETTER,
  TRAVEL_OR_TRANSPORT,
  COST,
  OTHER
}
