package org.cellpath.notification.messages;

/**
 * One appointment as a template shows it: every value already formatted for the patient's language
 * and zone.
 *
 * @param labelKey the bundle key of the appointment's name, for example {@code appointment.HARVEST}
 * @param room null when the scheduler named none
 */
record AppointmentView(
    String labelKey,
    String date,
    String start,
    String end,
    String site,
    String room,
    String address,
    String clinician) {}
