#!/usr/bin/env bash
# A first case through a running CellPath (./local-stack.sh or docker compose), with the same curl calls as the
# README: a scheduler opens slots, a physician submits a referral, a reviewer approves it, scheduling books a
# harvest + injection pair and the patient's confirmation arrives in the mail and SMS catchers.
#
# REFERRAL_URL, SCHEDULING_URL, NOTIFICATION_URL and MAIL_UI_URL override the local defaults. Each person calls with
# their own bearer token: from local-stack's development token issuer (TOKEN_URL), unless PHYSICIAN_TOKEN,
# REVIEWER_TOKEN and SCHEDULER_TOKEN are set (for example from Keycloak under docker compose, see the README).
set -euo pipefail

REFERRAL_URL=${REFERRAL_URL:-http://localhost:8081}
SCHEDULING_URL=${SCHEDULING_URL:-http://localhost:8082}
NOTIFICATION_URL=${NOTIFICATION_URL:-http://localhost:8083}
MAIL_UI_URL=${MAIL_UI_URL:-http://localhost:8025}
SMS_UI_URL=${SMS_UI_URL:-http://localhost:8026}
TOKEN_URL=${TOKEN_URL:-http://localhost:8090/token}
JSON='Content-Type: application/json'

# The first "id" in a JSON body (no jq needed).
id_of() { grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4; }
field_of() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4; }
# A token for a role: the given one, else one from the development issuer.
token() { [[ -n "${1:-}" ]] && echo "$1" || curl -fsS "$TOKEN_URL?$2" | field_of access_token; }
AS_PHYSICIAN=(-H "Authorization: Bearer $(token "${PHYSICIAN_TOKEN:-}" 'role=PHYSICIAN&npi=1234567893')")
AS_REVIEWER=(-H "Authorization: Bearer $(token "${REVIEWER_TOKEN:-}" role=REVIEWER)")
AS_SCHEDULER=(-H "Authorization: Bearer $(token "${SCHEDULER_TOKEN:-}" role=SCHEDULER)")

echo "1. Scheduler: a clinician, a site with two rooms, and slots on the next weekdays from 8 days out"
clinician=$(curl -fsS "${AS_SCHEDULER[@]}" "$SCHEDULING_URL/api/clinicians" | id_of || true)
if [[ -z "$clinician" ]]; then
  clinician=$(curl -fsS "${AS_SCHEDULER[@]}" -X POST "$SCHEDULING_URL/api/clinicians" -H "$JSON" -d '{"name":"Dr. Maya Patel"}' | id_of)
  site=$(curl -fsS "${AS_SCHEDULER[@]}" -X POST "$SCHEDULING_URL/api/sites" -H "$JSON" \
    -d '{"name":"CellPath Foot & Ankle Clinic","address":"100 Market St, San Francisco","timeZone":"America/Los_Angeles"}' | id_of)
  curl -fsS "${AS_SCHEDULER[@]}" -X POST "$SCHEDULING_URL/api/sites/$site/rooms" -H "$JSON" -d '{"name":"Procedure room 1"}' >/dev/null
  curl -fsS "${AS_SCHEDULER[@]}" -X POST "$SCHEDULING_URL/api/sites/$site/rooms" -H "$JSON" -d '{"name":"Injection room 2"}' >/dev/null
fi
site=$(curl -fsS "${AS_SCHEDULER[@]}" "$SCHEDULING_URL/api/sites" | id_of)
rooms=$(curl -fsS "${AS_SCHEDULER[@]}" "$SCHEDULING_URL/api/sites/$site/rooms")
room_named() { echo "$rooms" | grep -o "{[^}]*\"name\":\"$1\"[^}]*}" | id_of; }
harvest_room=$(room_named "Procedure room 1")
injection_room=$(room_named "Injection room 2")
for offset in $(seq 8 21); do
  day=$(TZ=America/Los_Angeles date -d "+$offset days" +%F)
  [[ $(date -d "$day" +%u) -ge 6 ]] && continue   # weekdays only
  for slot in "HARVEST $harvest_room 09:00 45" "INJECTION $injection_room 10:30 30"; do
    read -r kind room start minutes <<<"$slot"
    # 409 means the slot exists already (a second run): fine.
    curl -sS "${AS_SCHEDULER[@]}" -o /dev/null -X POST "$SCHEDULING_URL/api/slots" -H "$JSON" -d "{\"clinicianId\":\"$clinician\",
      \"roomId\":\"$room\",\"kind\":\"$kind\",\"date\":\"$day\",\"startTime\":\"$start\",\"durationMinutes\":$minutes}"
  done
done

echo "2. Physician: submit a referral"
today=$(date +%F)
# Another patient on every run: the same physician, patient, condition and side within 24 h is a duplicate (409).
birth=$(date -d "1960-01-01 +$((RANDOM % 9000)) days" +%F)
referral=$(curl -fsS "${AS_PHYSICIAN[@]}" -X POST "$REFERRAL_URL/api/referrals" -H "$JSON" -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" -d '{
  "patient": {"givenName": "Ana", "familyName": "Rivera", "dateOfBirth": "'"$birth"'", "sex": "FEMALE",
              "mobilePhone": "+14155550123", "email": "ana.rivera@example.org", "language": "en",
              "preferredChannel": "SMS", "smsConsent": true, "timeZone": "America/Los_Angeles"},
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
  "schedulingPreferences": {"weekdays": [], "dayParts": ["MORNING"]}}' | id_of)
echo "   referral $referral"

echo "3. Reviewer: wait for the pre-screen, then approve"
for _ in $(seq 1 30); do
  review=$(curl -fsS "${AS_REVIEWER[@]}" "$REFERRAL_URL/api/reviews?limit=500" | grep -o "{\"id\":\"[^\"]*\",\"referralId\":\"$referral\"" | id_of || true)
  [[ -n "$review" ]] && break
  sleep 1
done
[[ -n "$review" ]] || { echo "no review opened for $referral"; exit 1; }
curl -fsS "${AS_REVIEWER[@]}" -X POST "$REFERRAL_URL/api/reviews/$review/approval" -H "$JSON" \
  -d '{"cellSource": "BONE_MARROW", "injectionSite": "Left Achilles insertion"}' >/dev/null
echo "   review $review approved"

echo "4. Physician: follow the referral until it is scheduled"
for _ in $(seq 1 30); do
  status=$(curl -fsS "${AS_PHYSICIAN[@]}" "$REFERRAL_URL/api/referrals/$referral" | field_of status)
  [[ "$status" == "SCHEDULED" || "$status" == "WAITLISTED" ]] && break
  sleep 1
done
echo "   status $status"
curl -fsS "${AS_SCHEDULER[@]}" "$SCHEDULING_URL/api/appointment-pairs?referralId=$referral"; echo
echo "5. Patient: the confirmation email (with the calendar file) is in the mail catcher at $MAIL_UI_URL"
echo "   the confirmation SMS is in the SMS catcher at $SMS_UI_URL (08:00-21:00 Los Angeles time; else it waits)"
echo "   delivery log, with the reminders queued for their days (staff: a SCHEDULER or ADMIN token):"
echo "   curl -H \"Authorization: Bearer \$(curl -s '$TOKEN_URL?role=ADMIN' | cut -d'\"' -f4)\" $NOTIFICATION_URL/api/referrals/$referral/notifications"
