package org.cellpath.console.scheduler;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;

/**
 * The calendar as the scheduler left it: week or day view, whose week, and the day view's columns.
 * Kept in the signed-in user's session, so the calendar opens on their last choice; ids and words
 * only, never patient data.
 *
 * @param show {@code clinician:<id>} or {@code room:<id>}; empty for the first clinician
 */
record CalendarChoice(boolean dayView, String show, boolean byClinician) implements Serializable {

  static final String ATTRIBUTE = "scheduler.calendar";

  static final CalendarChoice FIRST = new CalendarChoice(false, "", true);

  static CalendarChoice in(HttpSession session) {
    return session.getAttribute(ATTRIBUTE) instanceof CalendarChoice kept ? kept : FIRST;
  }

  /** This choice with whatever the request changed; anything unknown leaves it as it was. */
  CalendarChoice with(String view, String show, String by) {
    boolean day = "day".equals(view) ? true : "week".equals(view) ? false : dayView;
    String calendar =
        show != null && (show.startsWith("clinician:") || show.startsWith("room:"))
            ? show.strip()
            : this.show;
    boolean clinicians = "room".equals(by) ? false : "clinician".equals(by) ? true : byClinician;
    return new CalendarChoice(day, calendar, clinicians);
  }

  public String view() {
    return dayView ? "day" : "week";
  }

  public String by() {
    return byClinician ? "clinician" : "room";
  }
}
