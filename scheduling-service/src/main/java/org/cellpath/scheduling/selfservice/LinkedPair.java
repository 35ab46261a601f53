package org.cellpath.scheduling.selfservice;

import java.util.UUID;
import org.cellpath.scheduling.booking.AppointmentPair;
import org.cellpath.scheduling.booking.PatientPairs.PatientPair;

/** The pair a valid link opened, with the patient it is for. */
public record LinkedPair(PatientPair patientPair) {

  public AppointmentPair pair() {
    return patientPair.pair();
  }

  public UUID pairId() {
    return patientPair.pair().id();
  }

  public UUID referralId() {
    return patientPair.pair().referralId();
  }
}
