#!/usr/bin/env bash
# The whole customer flow with curl against a running imagecogni:
#   sign up -> verify -> token -> IPs -> API key -> configuration -> upload -> signed postback,
#   then the same configuration with JSON postbacks (the ZIP fetched from the event's signed link).
# Usage: examples/walkthrough.sh [BASE_URL] [SERVICE_LOG]
#   BASE_URL     default http://localhost:8080
#   SERVICE_LOG  where the (mock) mailer writes the verification link; default target/dev.log (bin/dev)
# Needs curl, java (for the example receiver) and the photos in ../shared/photos. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-http://localhost:8080}
LOG=${2:-target/dev.log}
RECEIVER_PORT=${RECEIVER_PORT:-9099}
OUT=$(mktemp -d)
json() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\\1/"; }
step() { printf '\n== %s\n' "$*"; }

EMAIL="walk-$(date +%s)-$RANDOM@example.com"
PASSWORD="correct horse battery staple"

step "1. sign up $EMAIL"
curl -sf -X POST "$B/api/v1/accounts" -H 'Content-Type: application/json' -d "{\"email\":\"$EMAIL\"}"

step "2. verify with the link from the mail (read from $LOG)"
TOKEN=""
for _ in $(seq 1 50); do
  TOKEN=$(grep -A20 "$EMAIL" "$LOG" 2>/dev/null | grep -o 'verify?token=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2 || true)
  [ -n "$TOKEN" ] && break
  sleep 0.2
done
[ -n "$TOKEN" ] || { echo "no verification link for $EMAIL in $LOG" >&2; exit 1; }
curl -sf -X POST "$B/api/v1/accounts/verify" -H 'Content-Type: application/json' \
     -d "{\"token\":\"$TOKEN\",\"password\":\"$PASSWORD\"}"

step "3. token"
JWT=$(curl -sf -X POST "$B/api/v1/auth/token" -H 'Content-Type: application/json' \
      -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" | json accessToken)
echo "JWT $JWT"
curl -sf "$B/api/v1/account" -H "Authorization: Bearer $JWT"

step "4. IPs (the sign-up address is already allow-listed)"
curl -sf "$B/api/v1/account/ips" -H "Authorization: Bearer $JWT"
curl -sf -X POST "$B/api/v1/account/ips" -H "Authorization: Bearer $JWT" -H 'Content-Type: application/json' \
     -d '{"address":"203.0.113.0/24"}'

step "5. API key and webhook secret"
KEY=$(curl -sf -X POST "$B/api/v1/account/api-keys" -H "Authorization: Bearer $JWT" -H 'Content-Type: application/json' \
      -d '{"name":"walkthrough"}' | json key)
SECRET=$(curl -sf "$B/api/v1/account/webhook-secret" -H "Authorization: Bearer $JWT" | json secret)
echo "API key $KEY (shown once)"
echo "webhook secret $SECRET"
curl -sf "$B/api/v1/auth/whoami" -H "Authorization: $KEY"

step "6. postback receiver on port $RECEIVER_PORT"
java examples/PostbackReceiver.java "$RECEIVER_PORT" "$SECRET" "$OUT" > "$OUT/receiver.log" 2>&1 &
RECEIVER=$!
trap 'kill $RECEIVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q listening "$OUT/receiver.log" 2>/dev/null && break; sleep 0.2; done

step "7. configuration"
sed "s#https://shop.example.com/hooks/images#http://127.0.0.1:$RECEIVER_PORT/hooks/images#" examples/product-images.json > "$OUT/cfg.json"
CID=$(curl -sf -X POST "$B/api/v1/configurations" -H "Authorization: $KEY" -H 'Content-Type: application/json' \
      -d @"$OUT/cfg.json" | json id)
echo "configuration $CID"

step "8. upload"
JOB=$(curl -sf -X POST "$B/api/v1/jobs" -H "Authorization: $KEY" -F configId="$CID" \
      -F sources=@../shared/photos/seeding-5312x2988.jpg | json jobId)
echo "job $JOB"

step "9. postback"
# the receiver stores the ZIP, then lists it; its last entry is the manifest
for _ in $(seq 1 300); do grep -q "manifest.json" "$OUT/receiver.log" 2>/dev/null && break; sleep 0.2; done
[ -f "$OUT/$JOB.zip" ] && grep -q "manifest.json" "$OUT/receiver.log" \
  || { echo "no postback received"; cat "$OUT/receiver.log"; exit 1; }
cat "$OUT/receiver.log"
for entry in configuration/product-images.json output/1200x630/seeding-5312x2988.webp output/50pct/seeding-5312x2988.jpg \
             output/instagram-square/seeding-5312x2988.jpg manifest.json; do
  grep -q "$entry" "$OUT/receiver.log" || { echo "missing $entry in the ZIP" >&2; exit 1; }
done
curl -sf "$B/api/v1/jobs/$JOB" -H "Authorization: $KEY"
echo

step "10. JSON postbacks: a job.completed event whose result.url links to the ZIP"
# a PUT replaces the whole configuration (a new version): the same one, with "postbackFormat": "json"
sed 's#"postbackUrl"#"postbackFormat": "json", "postbackUrl"#' "$OUT/cfg.json" > "$OUT/cfg-json.json"
curl -sf -X PUT "$B/api/v1/configurations/$CID" -H "Authorization: $KEY" -H 'Content-Type: application/json' \
     -d @"$OUT/cfg-json.json" | grep -q '"postbackFormat":"json"' || { echo "the configuration did not take json" >&2; exit 1; }
JOB2=$(curl -sf -X POST "$B/api/v1/jobs" -H "Authorization: $KEY" -F configId="$CID" \
       -F sources=@../shared/photos/seeding-5312x2988.jpg | json jobId)
echo "job $JOB2"
# the receiver verifies the event, answers, then fetches result.url (no API key) and checks its sha256
for _ in $(seq 1 300); do grep -q "job $JOB2 .*sha256 ok" "$OUT/receiver.log" 2>/dev/null && break; sleep 0.2; done
grep "job $JOB2 " "$OUT/receiver.log" | grep -q "sha256 ok" && [ -f "$OUT/$JOB2.zip" ] \
  || { echo "no JSON postback, or its ZIP did not match"; cat "$OUT/receiver.log"; exit 1; }
grep -A6 "job $JOB2 " "$OUT/receiver.log"
echo "walkthrough complete: $OUT/$JOB.zip, $OUT/$JOB2.zip"
