package org.cellpath.scheduling.clinic;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.domain.StateConflictException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers and finds clinicians, sites and rooms. */
@Service
public class ClinicDirectory {

  private final JdbcClient jdbc;

  ClinicDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional
  public Clinician registerClinician(String name) {
    Clinician clinician = new Clinician(UUID.randomUUID(), name.strip());
    jdbc.sql("insert into clinician (id, name) values (?, ?)")
        .param(clinician.id())
        .param(clinician.name())
        .update();
    return clinician;
  }

  @Transactional
  public Site registerSite(String name, String address, ZoneId timeZone) {
    Site site = new Site(UUID.randomUUID(), name.strip(), address.strip(), timeZone);
    jdbc.sql("insert into site (id, name, address, time_zone) values (?, ?, ?, ?)")
        .param(site.id())
        .param(site.name())
        .param(site.address())
        .param(site.timeZone().getId())
        .update();
    return site;
  }

  /**
   * @throws RecordNotFoundException when the site does not exist
   * @throws StateConflictException when the site already has a room of that name
   */
  @Transactional
  public Room registerRoom(UUID siteId, String name) {
    site(siteId)
        .orElseThrow(() -> new RecordNotFoundException("Site " + siteId + " does not exist"));
    Room room = new Room(UUID.randomUUID(), siteId, name.strip());
    try {
      jdbc.sql("insert into room (id, site_id, name) values (?, ?, ?)")
          .param(room.id())
          .param(room.siteId())
          .param(room.name())
          .update();
    } catch (DuplicateKeyException e) {
      throw new StateConflictException("Site " + siteId + " already has a room of that name");
    }
    return room;
  }

  @Transactional(readOnly = true)
  /** The first {@code limit} clinicians by name. */
  public List<Clinician> clinicians(int limit) {
    return jdbc.sql("select id, name from clinician order by name, id limit ?")
        .param(limit)
        .query(ClinicDirectory::clinician)
        .list();
  }

  @Transactional(readOnly = true)
  public Optional<Clinician> clinician(UUID id) {
    return jdbc.sql("select id, name from clinician where id = ?")
        .param(id)
        .query(ClinicDirectory::clinician)
        .optional();
  }

  @Transactional(readOnly = true)
  /** The first {@code limit} sites by name. */
  public List<Site> sites(int limit) {
    return jdbc.sql("select id, name, address, time_zone from site order by name, id limit ?")
        .param(limit)
        .query(ClinicDirectory::site)
        .list();
  }

  @Transactional(readOnly = true)
  public Optional<Site> site(UUID id) {
    return jdbc.sql("select id, name, address, time_zone from site where id = ?")
        .param(id)
        .query(ClinicDirectory::site)
        .optional();
  }

  /**
   * @throws RecordNotFoundException when the site does not exist
   */
  @Transactional(readOnly = true)
  /** The first {@code limit} rooms of the site by name. */
  public List<Room> rooms(UUID siteId, int limit) {
    site(siteId)
        .orElseThrow(() -> new RecordNotFoundException("Site " + siteId + " does not exist"));
    return jdbc.sql(
            "select id, site_id, name from room where site_id = ? order by name, id limit ?")
        .param(siteId)
        .param(limit)
        .query(ClinicDirectory::room)
        .list();
  }

  @Transactional(readOnly = true)
  public Optional<Room> room(UUID id) {
    return jdbc.sql("select id, site_id, name from room where id = ?")
        .param(id)
        .query(ClinicDirectory::room)
        .optional();
  }

  private static Clinician clinician(ResultSet rs, int row) throws SQLException {
    return new Clinician(rs.getObject("id", UUID.class), rs.getString("name"));
  }

  private static Site site(ResultSet rs, int row) throws SQLException {
    return new Site(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("address"),
        ZoneId.of(rs.getString("time_zone")));
  }

  private static Room room(ResultSet rs, int row) throws SQLException {
    return new Room(
        rs.getObject("id", UUID.class), rs.getObject("site_id", UUID.class), rs.getString("name"));
  }
}
