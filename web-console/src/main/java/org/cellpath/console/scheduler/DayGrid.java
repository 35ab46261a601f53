package org.cellpath.console.scheduler;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.cellpath.console.api.SchedulingApi;

/**
 * One day's slots as a time grid: a column per clinician (or per room), a row per step of time from
 * the first slot's hour to the last one's end, each slot spanning the rows of its length. A table,
 * so that it needs no inline style (the console's content security policy allows none) and reads
 * row by row to a screen reader. A clinician, and a room, hold one slot at a time (the database
 * refuses overlaps), so the slots of a column never collide.
 *
 * @param columns in the clinic's order, only those with a slot that day
 * @param rows from the first slot's hour to the last slot's end
 */
record DayGrid(LocalDate date, boolean byClinician, List<Column> columns, List<Row> rows) {

  /** A clinician or a room. */
  record Column(UUID id, String name) {}

  /**
   * @param hour true on the full hour, where the time is printed
   */
  record Row(LocalTime time, boolean hour, List<Cell> cells) {}

  /**
   * A slot starting in this row ({@code slot} and its {@code span} of rows), a gap, or nothing at
   * all because a slot from a row above covers it.
   */
  record Cell(SchedulingApi.Slot slot, int span, boolean covered) {

    static final Cell GAP = new Cell(null, 1, false);
    static final Cell COVERED = new Cell(null, 0, true);

    public boolean gap() {
      return slot == null && !covered;
    }
  }

  /** Rows of a quarter hour; five minutes when a slot starts or ends between quarters. */
  static int stepMinutes(List<SchedulingApi.Slot> slots) {
    boolean quarters =
        slots.stream()
            .allMatch(
                slot ->
                    slot.startTime().getMinute() % 15 == 0 && slot.endTime().getMinute() % 15 == 0);
    return quarters ? 15 : 5;
  }

  static DayGrid of(
      LocalDate date, boolean byClinician, List<SchedulingApi.Slot> daySlots, Clinic clinic) {
    List<SchedulingApi.Slot> slots =
        daySlots.stream()
            .filter(slot -> date.equals(slot.date()))
            .sorted(Comparator.comparing(SchedulingApi.Slot::startTime))
            .toList();
    Function<SchedulingApi.Slot, UUID> columnOf =
        byClinician ? SchedulingApi.Slot::clinicianId : SchedulingApi.Slot::roomId;
    List<UUID> order = new ArrayList<>();
    if (byClinician) {
      clinic.clinicians().forEach(clinician -> order.add(clinician.id()));
    } else {
      clinic.rooms().forEach(room -> order.add(room.id()));
    }
    Map<UUID, List<SchedulingApi.Slot>> byColumn = new LinkedHashMap<>();
    order.forEach(id -> byColumn.put(id, new ArrayList<>()));
    for (SchedulingApi.Slot slot : slots) {
      byColumn.computeIfAbsent(columnOf.apply(slot), id -> new ArrayList<>()).add(slot);
    }
    byColumn.values().removeIf(List::isEmpty);
    List<Column> columns =
        byColumn.keySet().stream()
            .map(id -> new Column(id, columnName(id, byClinician, clinic)))
            .toList();
    if (slots.isEmpty()) {
      return new DayGrid(date, byClinician, columns, List.of());
    }
    int step = stepMinutes(slots);
    int first = slots.get(0).startTime().getHour() * 60;
    int last =
        slots.stream()
            .mapToInt(slot -> minutes(slot.endTime(), slot.startTime()))
            .max()
            .orElse(first + 60);
    int end = Math.min(24 * 60, (last + 59) / 60 * 60);
    int rowCount = (end - first) / step;
    Cell[][] cells = new Cell[rowCount][columns.size()];
    int column = 0;
    for (List<SchedulingApi.Slot> columnSlots : byColumn.values()) {
      for (SchedulingApi.Slot slot : columnSlots) {
        int row = (slot.startTime().getHour() * 60 + slot.startTime().getMinute() - first) / step;
        int span =
            Math.max(
                1,
                (minutes(slot.endTime(), slot.startTime())
                        - slot.startTime().getHour() * 60
                        - slot.startTime().getMinute())
                    / step);
        span = Math.min(span, rowCount - row);
        if (cells[row][column] != null) {
          continue;
        }
        cells[row][column] = new Cell(slot, span, false);
        for (int covered = row + 1; covered < row + span; covered++) {
          cells[covered][column] = Cell.COVERED;
        }
      }
      column++;
    }
    List<Row> rows = new ArrayList<>();
    for (int row = 0; row < rowCount; row++) {
      List<Cell> rowCells = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        rowCells.add(cells[row][c] == null ? Cell.GAP : cells[row][c]);
      }
      int at = first + row * step;
      rows.add(new Row(LocalTime.of(at / 60, at % 60), at % 60 == 0, List.copyOf(rowCells)));
    }
    return new DayGrid(date, byClinician, columns, List.copyOf(rows));
  }

  /** Minutes from midnight to the end of a slot; a slot ending at midnight ends at 24:00. */
  private static int minutes(LocalTime end, LocalTime start) {
    int minutes = end.getHour() * 60 + end.getMinute();
    return minutes <= start.getHour() * 60 + start.getMinute() ? 24 * 60 : minutes;
  }

  /** A clinician's name; a room's with its site's, as rooms of two sites may share a name. */
  private static String columnName(UUID id, boolean byClinician, Clinic clinic) {
    if (!byClinician) {
      for (var site : clinic.roomsBySite().entrySet()) {
        if (site.getValue().stream().anyMatch(room -> room.id().equals(id))) {
          return clinic.name(id) + " · " + clinic.name(site.getKey());
        }
      }
    }
    return clinic.name(id);
  }

  public LocalDate previous() {
    return date.minusDays(1);
  }

  public LocalDate next() {
    return date.plusDays(1);
  }

  public long count(String status) {
    return rows.stream()
        .flatMap(row -> row.cells().stream())
        .filter(cell -> cell.slot() != null && status.equals(cell.slot().status()))
        .count();
  }
}
