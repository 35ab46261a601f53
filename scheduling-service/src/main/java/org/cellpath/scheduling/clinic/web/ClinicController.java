package org.cellpath.scheduling.clinic.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.cellpath.audit.AuditTarget;
import org.cellpath.audit.RequestAudit;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.domain.RecordNotFoundException;
import org.cellpath.scheduling.audit.SchedulingAction;
import org.cellpath.scheduling.clinic.ClinicDirectory;
import org.cellpath.scheduling.clinic.Clinician;
import org.cellpath.scheduling.clinic.Room;
import org.cellpath.scheduling.clinic.Site;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Clinicians, sites and rooms, as schedulers keep them. Every change is audited; reads hold no
 * patient data. A list holds at most {@value #MAX_LIST} of them, by name; a clinic has tens, and a
 * {@code limit} above the maximum is a 400 naming it.
 */
@RestController
@RequestMapping("/api")
class ClinicController {

  static final int MAX_LIST = 500;

  private final ClinicDirectory directory;
  private final RequestAudit audit;

  ClinicController(ClinicDirectory directory, RequestAudit audit) {
    this.directory = directory;
    this.audit = audit;
  }

  @PostMapping("/clinicians")
  ResponseEntity<ClinicianResponse> registerClinician(
      @Valid @RequestBody RegisterClinician request) {
    ClinicianResponse body =
        audit.audited(
            SchedulingAction.CLINICIAN_ADD,
            SchedulingAction.CLINICIAN,
            AuditTarget.none(),
            added -> AuditTarget.of(added.id()),
            () -> ClinicianResponse.of(directory.registerClinician(request.name())));
    return ResponseEntity.created(URI.create("/api/clinicians/" + body.id())).body(body);
  }

  @GetMapping("/clinicians")
  List<ClinicianResponse> clinicians(
      @RequestParam(defaultValue = "500") @Min(1) @Max(MAX_LIST) int limit) {
    return directory.clinicians(limit).stream().map(ClinicianResponse::of).toList();
  }

  @GetMapping("/clinicians/{clinicianId}")
  ClinicianResponse clinician(@PathVariable UUID clinicianId) {
    return directory
        .clinician(clinicianId)
        .map(ClinicianResponse::of)
        .orElseThrow(
            () -> new RecordNotFoundException("Clinician " + clinicianId + " does not exist"));
  }

  @PostMapping("/sites")
  ResponseEntity<SiteResponse> registerSite(@Valid @RequestBody RegisterSite request) {
    ZoneId zone = regionZone(request.timeZone());
    SiteResponse body =
        audit.audited(
            SchedulingAction.SITE_ADD,
            SchedulingAction.SITE,
            AuditTarget.none(),
            added -> AuditTarget.of(added.id()),
            () -> SiteResponse.of(directory.registerSite(request.name(), request.address(), zone)));
    return ResponseEntity.created(URI.create("/api/sites/" + body.id())).body(body);
  }

  @GetMapping("/sites")
  List<SiteResponse> sites(@RequestParam(defaultValue = "500") @Min(1) @Max(MAX_LIST) int limit) {
    return directory.sites(limit).stream().map(SiteResponse::of).toList();
  }

  @GetMapping("/sites/{siteId}")
  SiteResponse site(@PathVariable UUID siteId) {
    return directory
        .site(siteId)
        .map(SiteResponse::of)
        .orElseThrow(() -> new RecordNotFoundException("Site " + siteId + " does not exist"));
  }

  @PostMapping("/sites/{siteId}/rooms")
  ResponseEntity<RoomResponse> registerRoom(
      @PathVariable UUID siteId, @Valid @RequestBody RegisterRoom request) {
    RoomResponse body =
        audit.audited(
            SchedulingAction.ROOM_ADD,
            SchedulingAction.ROOM,
            AuditTarget.none(),
            added -> AuditTarget.of(added.id()),
            () -> RoomResponse.of(directory.registerRoom(siteId, request.name())));
    return ResponseEntity.created(URI.create("/api/sites/" + siteId + "/rooms/" + body.id()))
        .body(body);
  }

  @GetMapping("/sites/{siteId}/rooms")
  List<RoomResponse> rooms(
      @PathVariable UUID siteId,
      @RequestParam(defaultValue = "500") @Min(1) @Max(MAX_LIST) int limit) {
    return directory.rooms(siteId, limit).stream().map(RoomResponse::of).toList();
  }

  /**
   * An IANA region id such as {@code America/Los_Angeles}; fixed offsets do not follow daylight
   * saving time.
   */
  private static ZoneId regionZone(String id) {
    try {
      ZoneId zone = ZoneId.of(id);
      if (zone instanceof ZoneOffset || !ZoneId.getAvailableZoneIds().contains(zone.getId())) {
        throw new DateTimeException("not a region");
      }
      return zone;
    } catch (DateTimeException e) {
      throw new InvalidValueException(
          "timeZone", "must be an IANA time zone id, for example America/Los_Angeles");
    }
  }

  record RegisterClinician(@NotBlank @Size(max = 200) String name) {}

  record RegisterSite(
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Size(max = 500) String address,
      @NotBlank String timeZone) {}

  record RegisterRoom(@NotBlank @Size(max = 100) String name) {}

  record ClinicianResponse(UUID id, String name) {
    static ClinicianResponse of(Clinician clinician) {
      return new ClinicianResponse(clinician.id(), clinician.name());
    }
  }

  record SiteResponse(UUID id, String name, String address, String timeZone) {
    static SiteResponse of(Site site) {
      return new SiteResponse(site.id(), site.name(), site.address(), site.timeZone().getId());
    }
  }

  record RoomResponse(UUID id, UUID siteId, String name) {
    static RoomResponse of(Room room) {
      return new RoomResponse(room.id(), room.siteId(), room.name());
    }
  }
}
