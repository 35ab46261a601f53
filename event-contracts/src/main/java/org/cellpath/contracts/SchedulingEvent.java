package org.cellpath.contracts;

/** Events published by scheduling-service on {@link Topics#SCHEDULING_EVENTS}. */
public sealed interface SchedulingEvent extends CellPathEvent
    permits AppointmentPairBooked,
        AppointmentPairRescheduled,
        AppointmentPairCancelled,
        CaseWaitlisted,
        AppointmentCompleted,
        AppointmentNoShow,
        AppointmentPairConfirmed,
        CaseReturnedToReferrer,
        WaitlistOfferMade,
        WaitlistOfferEnded {}
