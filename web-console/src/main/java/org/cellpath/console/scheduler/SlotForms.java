package org.cellpath.console.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The slot pages' forms, as typed; {@code toRequest} leaves out what was left empty, and the
 * service checks the rest.
 */
final class SlotForms {

  private SlotForms() {}

  /** One slot. */
  public static class One {
    private String clinicianId = "";
    private String roomId = "";
    private String kind = "";
    private String date = "";
    private String startTime = "";
    private String durationMinutes = "";

    Map<String, Object> toRequest() {
      Map<String, Object> body = new LinkedHashMap<>();
      put(body, "clinicianId", clinicianId);
      put(body, "roomId", roomId);
      put(body, "kind", kind);
      put(body, "date", date);
      put(body, "startTime", startTime);
      number(body, "durationMinutes", durationMinutes);
      return body;
    }

    public String getClinicianId() {
      return clinicianId;
    }

    public void setClinicianId(String v) {
      clinicianId = v;
    }

    public String getRoomId() {
      return roomId;
    }

    public void setRoomId(String v) {
      roomId = v;
    }

    public String getKind() {
      return kind;
    }

    public void setKind(String v) {
      kind = v;
    }

    public String getDate() {
      return date;
    }

    public void setDate(String v) {
      date = v;
    }

    public String getStartTime() {
      return startTime;
    }

    public void setStartTime(String v) {
      startTime = v;
    }

    public String getDurationMinutes() {
      return durationMinutes;
    }

    public void setDurationMinutes(String v) {
      durationMinutes = v;
    }
  }

  /**
   * A weekly template: back-to-back slots in a time window on chosen weekdays, over a range of
   * days.
   */
  public static class Template {
    private String clinicianId = "";
    private String roomId = "";
    private String kind = "";
    private List<String> weekdays = new ArrayList<>();
    private String startTime = "";
    private String endTime = "";
    private String durationMinutes = "";
    private String from = "";
    private String to = "";

    Map<String, Object> toRequest() {
      Map<String, Object> body = new LinkedHashMap<>();
      put(body, "clinicianId", clinicianId);
      put(body, "roomId", roomId);
      put(body, "kind", kind);
      body.put("weekdays", List.copyOf(weekdays));
      put(body, "startTime", startTime);
      put(body, "endTime", endTime);
      number(body, "durationMinutes", durationMinutes);
      put(body, "from", from);
      put(body, "to", to);
      return body;
    }

    public String getClinicianId() {
      return clinicianId;
    }

    public void setClinicianId(String v) {
      clinicianId = v;
    }

    public String getRoomId() {
      return roomId;
    }

    public void setRoomId(String v) {
      roomId = v;
    }

    public String getKind() {
      return kind;
    }

    public void setKind(String v) {
      kind = v;
    }

    public List<String> getWeekdays() {
      return weekdays;
    }

    public void setWeekdays(List<String> v) {
      weekdays = v == null ? new ArrayList<>() : v;
    }

    public String getStartTime() {
      return startTime;
    }

    public void setStartTime(String v) {
      startTime = v;
    }

    public String getEndTime() {
      return endTime;
    }

    public void setEndTime(String v) {
      endTime = v;
    }

    public String getDurationMinutes() {
      return durationMinutes;
    }

    public void setDurationMinutes(String v) {
      durationMinutes = v;
    }

    public String getFrom() {
      return from;
    }

    public void setFrom(String v) {
      from = v;
    }

    public String getTo() {
      return to;
    }

    public void setTo(String v) {
      to = v;
    }
  }

  private static void put(Map<String, Object> body, String key, String value) {
    if (value != null && !value.isBlank()) {
      body.put(key, value.strip());
    }
  }

  private static void number(Map<String, Object> body, String key, String value) {
    if (value != null && !value.isBlank()) {
      try {
        body.put(key, Integer.valueOf(value.strip()));
      } catch (NumberFormatException notANumber) {
        body.put(key, value.strip());
      }
    }
  }
}
