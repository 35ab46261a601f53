#!/usr/bin/env bash
# A first case through a running CellPath (./local-stack.sh or docker compose), with the calls of
# docs/running.md ("Your first referral"): a scheduler opens slots, a physician submits a referral, a reviewer approves
# it, scheduling books a harvest + injection pair and the patient's confirmation arrives in the mail and SMS catchers.
#
# It works on a stack that already holds other data, and can be run again and again: it uses a clinician, a site and
# two rooms of its own, found by their names below and created when missing, adds its slots (a slot that is already
# there is fine), and submits a new patient each time. When a step fails it says which, and why, and exits non-zero.
#
# REFERRAL_URL, SCHEDULING_URL, NOTIFICATION_URL, MAIL_UI_URL and SMS_UI_URL override the local defaults. Each person
# calls with their own bearer token: from local-stack's development token issuer (TOKEN_URL), unless PHYSICIAN_TOKEN,
# REVIEWER_TOKEN and SCHEDULER_TOKEN are set (for example from Keycloak under docker compose, see docs/running.md).
set -euo pipefail

REFERRAL_URL=${REFERRAL_URL:-http://localhost:8081}
SCHEDULING_URL=${SCHEDULING_URL:-http://localhost:8082}
NOTIFICATION_URL=${NOTIFICATION_URL:-http://localhost:8083}
MAIL_UI_URL=${MAIL_UI_URL:-http://localhost:8025}
SMS_UI_URL=${SMS_UI_URL:-http://localhost:8026}
TOKEN_URL=${TOKEN_URL:-http://localhost:8090/token}
ZONE=America/Los_Angeles

# The script's own reference data: names no one else is likely to use, so that a second run finds what the first made.
CLINICIAN_NAME="Dr. Maya Patel (first-referral.sh)"
SITE_NAME="CellPath Foot and Ankle Clinic (first-referral.sh)"
HARVEST_ROOM_NAME="Procedure room 1 (first-referral.sh)"
INJECTION_ROOM_NAME="Injection room 2 (first-referral.sh)"

fail() { echo "first-referral.sh: $*" >&2; exit 1; }

# The first "id" / the first text field named $1 in a JSON body (no jq needed).
id_of() { grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4 || true; }
field_of() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4 || true; }
# The id of the object named exactly $2 in the JSON list $1 (clinicians, sites and rooms have no nested objects).
id_named() { grep -o '{[^{}]*}' <<<"$1" | grep -F "\"name\":\"$2\"" | id_of || true; }
# A problem detail's own words, for a message when a call is refused.
why() { local detail; detail=$(field_of detail <<<"$1"); echo "${detail:-$1}"; }

# api TOKEN METHOD URL [BODY [HEADER]]: the answer's body in BODY, its HTTP status in STATUS (000: no answer at all).
api() {
  local token=$1 method=$2 url=$3 data=${4:-} header=${5:-} out
  out=$(mktemp)
  local args=(-sS -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token")
  [[ -n "$data" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
  [[ -n "$header" ]] && args+=(-H "$header")
  LAST_URL=$url
  STATUS=$(curl "${args[@]}" "$url" 2>/dev/null) || STATUS=000
  BODY=$(cat "$out"); rm -f "$out"
}
# expect WHAT CODE...: stops, naming WHAT, unless STATUS is one of CODE.
expect() {
  local what=$1; shift
  for code in "$@"; do [[ "$STATUS" == "$code" ]] && return 0; done
  case "$STATUS" in
    000) fail "$what: no answer from $LAST_URL (is CellPath running? start ./local-stack.sh first)" ;;
    401) fail "$what: 401, the token was not accepted (expired, or from another issuer than the services trust)" ;;
    403) fail "$what: 403, this role may not do that ($(why "$BODY"))" ;;
    *) fail "$what: HTTP $STATUS: $(why "$BODY")" ;;
  esac
}

# A token for a role: the given one, else one from the development issuer.
token() {
  if [[ -n "${1:-}" ]]; then echo "$1"; return; fi
  local answer
  answer=$(curl -fsS "$TOKEN_URL?$2" 2>/dev/null) \
    || fail "no token from $TOKEN_URL (start ./local-stack.sh, or set PHYSICIAN_TOKEN, REVIEWER_TOKEN and SCHEDULER_TOKEN)"
  field_of access_token <<<"$answer"
}
PHYSICIAN=$(token "${PHYSICIAN_TOKEN:-}" 'role=PHYSICIAN&npi=1234567893')
REVIEWER=$(token "${REVIEWER_TOKEN:-}" role=REVIEWER)
SCHEDULER=$(token "${SCHEDULER_TOKEN:-}" role=SCHEDULER)

# find_or_create WHAT LIST_URL CREATE_URL NAME BODY: prints the id of the object named NAME, made when missing.
find_or_create() {
  local what=$1 list_url=$2 create_url=$3 name=$4 body=$5 id
  api "$SCHEDULER" GET "$list_url?limit=500"
  expect "listing ${what}s" 200
  id=$(id_named "$BODY" "$name")
  if [[ -n "$id" ]]; then
    echo "   $what \"$name\": found, $id" >&2
  else
    api "$SCHEDULER" POST "$create_url" "$body"
    expect "creating $what \"$name\"" 200 201
    id=$(id_of <<<"$BODY")
    [[ -n "$id" ]] || fail "creating $what \"$name\": the answer had no id: $BODY"
    echo "   $what \"$name\": created, $id" >&2
  fi
  echo "$id"
}

echo "1. Scheduler: this script's clinician, site and two rooms, and slots on the weekdays 8 to 35 days out"
clinician=$(find_or_create clinician "$SCHEDULING_URL/api/clinicians" "$SCHEDULING_URL/api/clinicians" \
  "$CLINICIAN_NAME" "{\"name\":\"$CLINICIAN_NAME\"}")
site=$(find_or_create site "$SCHEDULING_URL/api/sites" "$SCHEDULING_URL/api/sites" "$SITE_NAME" \
  "{\"name\":\"$SITE_NAME\",\"address\":\"100 Market St, San Francisco\",\"timeZone\":\"$ZONE\"}")
harvest_room=$(find_or_create room "$SCHEDULING_URL/api/sites/$site/rooms" "$SCHEDULING_URL/api/sites/$site/rooms" \
  "$HARVEST_ROOM_NAME" "{\"name\":\"$HARVEST_ROOM_NAME\"}")
injection_room=$(find_or_create room "$SCHEDULING_URL/api/sites/$site/rooms" "$SCHEDULING_URL/api/sites/$site/rooms" \
  "$INJECTION_ROOM_NAME" "{\"name\":\"$INJECTION_ROOM_NAME\"}")

# A harvest at 09:00 and an injection at 10:30 (bone marrow: 30 min to 3 h after the harvest ends) on each weekday.
# Slots must lie at least 7 days after the approval; 4 weeks of them leave room for many runs.
added=0; there=0
for offset in $(seq 8 35); do
  day=$(TZ=$ZONE date -d "+$offset days" +%F)
  [[ $(date -d "$day" +%u) -ge 6 ]] && continue
  for slot in "HARVEST $harvest_room 09:00 45" "INJECTION $injection_room 10:30 30"; do
    read -r kind room start minutes <<<"$slot"
    api "$SCHEDULER" POST "$SCHEDULING_URL/api/slots" "{\"clinicianId\":\"$clinician\",\"roomId\":\"$room\",
      \"kind\":\"$kind\",\"date\":\"$day\",\"startTime\":\"$start\",\"durationMinutes\":$minutes}"
    # 409: the slot is there from an earlier run (or overlaps one of this clinician's or room's).
    expect "adding a $kind slot on $day" 200 201 409
    if [[ "$STATUS" == 409 ]]; then there=$((there + 1)); else added=$((added + 1)); fi
  done
done
echo "   slots: $added added, $there there already"

echo "2. Physician: submit a referral"
today=$(date +%F)
referral=
for attempt in 1 2 3; do
  # A new patient on every run: the same physician, patient, condition and side within 24 h is a duplicate (409).
  birth=$(date -d "1950-01-01 +$(( (RANDOM * 32768 + RANDOM) % 18000 )) days" +%F)
  api "$PHYSICIAN" POST "$REFERRAL_URL/api/referrals" '{
  "patient": {"givenName": "Ana", "familyName": "Rivera", "dateOfBirth": "'"$birth"'", "sex": "FEMALE",
              "mobilePhone": "+14155550123", "email": "ana.rivera@example.org", "language": "en",
              "preferredChannel": "SMS", "smsConsent": true, "timeZone": "'"$ZONE"'"},
  "physician": {"name": "Dr. Sam Lee", "npi": "1234567893", "practice": "Bayview Orthopedics",
                "phone": "+14155550999", "email": "lee@bayview.example"},
  "condition": "ACHILLES_TENDON_INJURY", "side": "LEFT", "icd10Code": "M76.62",
  "symptomOnset": "'"$(date -d "$today -9 months" +%F)"'",
  "conservativeCare": [
    {"modality": "PHYSICAL_THERAPY", "startDate": "'"$(date -d "$today -6 months" +%F)"'",
     "endDate": "'"$(date -d "$today -2 months" +%F)"'", "result": "NO_IMPROVEMENT"},
    {"modality": "ANTI_INFLAMMATORY_MEDICATION", "startDate": "'"$(date -d "$today -5 months" +%F)"'",
     "result": "TEMPORARY_IMPROVEMENT"}],
  "healthFactors": [], "priorSurgery": false, "preferredCellSource": "BONE_MARROW",
  "expectedCoverage": "NONE_EXPECTED", "selfPayAcknowledged": true,
  "schedulingPreferences": {"weekdays": [], "dayParts": ["MORNING"]}}' \
    "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)"
  [[ "$STATUS" == 409 ]] && { echo "   a duplicate of an earlier patient ($(why "$BODY")): another birth date"; continue; }
  break
done
expect "submitting the referral" 201
referral=$(id_of <<<"$BODY")
[[ -n "$referral" ]] || fail "submitting the referral: the answer had no id: $BODY"
echo "   referral $referral"

echo "3. Reviewer: wait for the pre-screen, then approve"
review=; status=
for _ in $(seq 1 30); do
  api "$PHYSICIAN" GET "$REFERRAL_URL/api/referrals/$referral"
  expect "reading referral $referral" 200
  status=$(field_of status <<<"$BODY")
  [[ "$status" != SUBMITTED && "$status" != UNDER_REVIEW ]] && break
  # The queue is oldest first; on a busy stack the new review may be past the first 500, so look among the likely
  # eligible ones too.
  for query in "limit=500" "recommendation=LIKELY_ELIGIBLE&limit=500"; do
    api "$REVIEWER" GET "$REFERRAL_URL/api/reviews?$query"
    expect "reading the review queue" 200
    review=$(grep -o "{\"id\":\"[^\"]*\",\"referralId\":\"$referral\"" <<<"$BODY" | id_of || true)
    [[ -n "$review" ]] && break 2
  done
  sleep 1
done
if [[ -n "$review" ]]; then
  api "$REVIEWER" POST "$REFERRAL_URL/api/reviews/$review/approval" \
    '{"cellSource": "BONE_MARROW", "injectionSite": "Left Achilles insertion"}'
  expect "approving review $review" 200 201 204
  echo "   review $review approved"
elif [[ "$status" == SUBMITTED || "$status" == UNDER_REVIEW ]]; then
  fail "referral $referral is $status, but its review is not among the 500 oldest open reviews: approve it in the console"
else
  echo "   no review to approve: the referral is $status already (REVIEW_AUTO_APPROVE?)"
fi

echo "4. Physician: follow the referral until it is scheduled"
for _ in $(seq 1 60); do
  api "$PHYSICIAN" GET "$REFERRAL_URL/api/referrals/$referral"
  expect "reading referral $referral" 200
  status=$(field_of status <<<"$BODY")
  [[ "$status" == SCHEDULED || "$status" == WAITLISTED || "$status" == DECLINED ]] && break
  sleep 1
done
echo "   status $status"
case "$status" in
  SCHEDULED) ;;
  WAITLISTED) echo "   no free pair fits (every slot of this script's calendar may be booked): add slots, and the case is booked" ;;
  *) fail "referral $referral is $status after a minute, not SCHEDULED: see the services' logs in .local-stack/logs/" ;;
esac
api "$SCHEDULER" GET "$SCHEDULING_URL/api/appointment-pairs?referralId=$referral"
expect "reading the appointment pair" 200
echo "$BODY"
echo "5. Patient: the confirmation email (with the calendar file) is in the mail catcher at $MAIL_UI_URL"
echo "   the confirmation SMS is in the SMS catcher at $SMS_UI_URL (08:00-21:00 Los Angeles time; else it waits)"
echo "   delivery log, with the reminders queued for their days (staff: a SCHEDULER or ADMIN token):"
echo "   curl -H \"Authorization: Bearer \$(curl -s '$TOKEN_URL?role=ADMIN' | cut -d'\"' -f4)\" $NOTIFICATION_URL/api/referrals/$referral/notifications"
