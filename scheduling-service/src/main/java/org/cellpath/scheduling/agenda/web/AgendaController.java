package org.cellpath.scheduling.agenda.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cellpath.audit.AuditOutcome;
import org.cellpath.audit.RequestAudit;
import org.cellpath.domain.InvalidValueException;
import org.cellpath.scheduling.agenda.Agenda;
import org.cellpath.scheduling.agenda.Contact;
import org.cellpath.scheduling.agenda.FoundCase;
import org.cellpath.scheduling.agenda.UnconfirmedPair;
import org.cellpath.scheduling.audit.SchedulingAction;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whom a scheduler books: the contacts of cases (for the calendar, a pair, the waitlist), the
 * search by name or short id, and the pairs still unconfirmed shortly before they start. The
 * scheduler's alone (not the administrator's), and every answer is audited with each referral it
 * names. A name travels only in a request body, never in a URL, so that no access log holds one.
 */
@RestController
@RequestMapping("/api")
class AgendaController {

  /** The widest look-ahead of the unconfirmed list: the longest a patient link lives. */
  static final Duration MAX_WITHIN = Duration.ofDays(14);

  private static final Pattern WITHIN = Pattern.compile("(\\d{1,3})([hd])");

  private final Agenda agenda;
  private final Clock clock;
  private final RequestAudit audit;

  AgendaController(Agenda agenda, Clock clock, RequestAudit audit) {
    this.agenda = agenda;
    this.clock = clock;
    this.audit = audit;
  }

  /** The contacts of these referrals (those with a scheduling case), by referral id. */
  @PostMapping("/cases/contacts")
  List<ContactResponse> contacts(@Valid @RequestBody ContactsRequest request) {
    List<Contact> contacts = agenda.contacts(request.referralIds());
    audit.listed(
        SchedulingAction.CONTACTS_READ,
        SchedulingAction.CASE,
        contacts.stream().map(Contact::referralId).toList(),
        AuditOutcome.ALLOWED);
    return contacts.stream().map(ContactResponse::of).toList();
  }

  /**
   * Cases whose patient's name contains the query (ignoring case), or whose referral id starts with
   * its 8 hex digits (the short id the review queue shows), or is it.
   */
  @PostMapping("/cases/search")
  List<FoundCaseResponse> search(@Valid @RequestBody SearchRequest request) {
    List<FoundCase> found = agenda.search(request.query());
    audit.listed(
        SchedulingAction.CASES_SEARCH,
        SchedulingAction.CASE,
        found.stream().map(one -> one.contact().referralId()).toList(),
        AuditOutcome.ALLOWED);
    return found.stream().map(FoundCaseResponse::of).toList();
  }

  /**
   * Booked pairs whose first appointment starts within the look-ahead ({@code 48h} by default;
   * hours or days, {@code 72h}, {@code 3d}, 14 days at most) and that the patient has not confirmed
   * as they stand, soonest first: the patients to call.
   */
  @GetMapping("/pairs/unconfirmed")
  List<UnconfirmedPairResponse> unconfirmed(@RequestParam(defaultValue = "48h") String within) {
    Instant now = clock.instant();
    List<UnconfirmedPair> pairs = agenda.unconfirmed(now, now.plus(lookAhead(within)));
    audit.listed(
        SchedulingAction.UNCONFIRMED_READ,
        SchedulingAction.PAIR,
        pairs.stream().map(pair -> pair.contact().referralId()).distinct().toList(),
        AuditOutcome.ALLOWED);
    return pairs.stream().map(UnconfirmedPairResponse::of).toList();
  }

  private static Duration lookAhead(String within) {
    Matcher matcher = WITHIN.matcher(within.strip());
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      Duration duration =
          "h".equals(matcher.group(2)) ? Duration.ofHours(amount) : Duration.ofDays(amount);
      if (!duration.isZero() && duration.compareTo(MAX_WITHIN) <= 0) {
        return duration;
      }
    }
    throw new InvalidValueException(
        "within", "must be hours or days such as 48h or 3d, from 1h to 14d");
  }

  /**
   * @param referralIds 1 to 500 referral ids
   */
  record ContactsRequest(
      @NotEmpty @Size(max = Agenda.MAX_CONTACTS) List<@NotNull UUID> referralIds) {}

  /**
   * @param query part of a given or family name, the 8-digit short id or the whole referral id
   */
  record SearchRequest(@NotNull String query) {}

  /**
   * @param mobilePhone E.164; null when the patient gave none
   * @param language en or es
   */
  record ContactResponse(
      UUID referralId,
      String shortId,
      String givenName,
      String familyName,
      @Nullable String mobilePhone,
      String language) {

    static ContactResponse of(Contact contact) {
      return new ContactResponse(
          contact.referralId(),
          contact.referralId().toString().substring(0, 8),
          contact.givenName(),
          contact.familyName(),
          contact.mobilePhone(),
          contact.language());
    }
  }

  /**
   * @param pairId the booked pair; null unless the case is booked
   * @param firstAppointmentAt when its first open appointment starts; null without one
   */
  record FoundCaseResponse(
      UUID referralId,
      String shortId,
      ContactResponse patient,
      String status,
      String cellSource,
      @Nullable Instant waitlistedAt,
      @Nullable UUID pairId,
      @Nullable Instant firstAppointmentAt) {

    static FoundCaseResponse of(FoundCase found) {
      ContactResponse patient = ContactResponse.of(found.contact());
      return new FoundCaseResponse(
          patient.referralId(),
          patient.shortId(),
          patient,
          found.status(),
          found.cellSource(),
          found.waitlistedAt(),
          found.pairId(),
          found.firstAppointmentAt());
    }
  }

  /**
   * @param date the first appointment's day, in its site's zone
   * @param startTime local time at the site
   * @param confirmedSequence the pair's sequence the patient confirmed; null when never
   */
  record UnconfirmedPairResponse(
      UUID pairId,
      UUID referralId,
      String shortId,
      ContactResponse patient,
      int sequence,
      @Nullable Integer confirmedSequence,
      String kind,
      Instant startsAt,
      String timeZone,
      LocalDate date,
      LocalTime startTime,
      String clinicianName,
      String siteName,
      String roomName) {

    static UnconfirmedPairResponse of(UnconfirmedPair pair) {
      ContactResponse patient = ContactResponse.of(pair.contact());
      var start = pair.startsAt().atZone(pair.timeZone());
      return new UnconfirmedPairResponse(
          pair.pairId(),
          patient.referralId(),
          patient.shortId(),
          patient,
          pair.sequence(),
          pair.confirmedSequence(),
          pair.kind(),
          pair.startsAt(),
          pair.timeZone().getId(),
          start.toLocalDate(),
          start.toLocalTime(),
          pair.clinicianName(),
          pair.siteName(),
          pair.roomName());
    }
  }
}
