package org.cellpath.console.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cellpath.console.api.SchedulingApi;

/**
 * The clinic's reference data for one page: clinicians, sites and their rooms, and their names by
 * id (slots carry ids only).
 */
record Clinic(
    List<SchedulingApi.Clinician> clinicians,
    List<SchedulingApi.Site> sites,
    Map<UUID, List<SchedulingApi.Room>> roomsBySite,
    Map<UUID, String> names) {

  static Clinic load(SchedulingApi api) {
    List<SchedulingApi.Clinician> clinicians = api.clinicians();
    List<SchedulingApi.Site> sites = api.sites();
    Map<UUID, List<SchedulingApi.Room>> rooms = new LinkedHashMap<>();
    Map<UUID, String> names = new LinkedHashMap<>();
    clinicians.forEach(clinician -> names.put(clinician.id(), clinician.name()));
    for (SchedulingApi.Site site : sites) {
      names.put(site.id(), site.name());
      List<SchedulingApi.Room> siteRooms = api.rooms(site.id());
      rooms.put(site.id(), siteRooms);
      siteRooms.forEach(room -> names.put(room.id(), room.name()));
    }
    return new Clinic(clinicians, sites, rooms, names);
  }

  List<SchedulingApi.Room> rooms() {
    List<SchedulingApi.Room> all = new ArrayList<>();
    roomsBySite.values().forEach(all::addAll);
    return all;
  }

  public String name(UUID id) {
    return id == null ? "" : names.getOrDefault(id, id.toString());
  }

  boolean isClinician(UUID id) {
    return clinicians.stream().anyMatch(clinician -> clinician.id().equals(id));
  }

  boolean isRoom(UUID id) {
    return rooms().stream().anyMatch(room -> room.id().equals(id));
  }
}
