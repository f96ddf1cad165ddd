#!/usr/bin/env bash
# Runs the test suites with this machine's clock set to the days that break date-dependent code: the last
# minutes of a month and of a year, 29 February, and both daylight-saving changes (in a zone that has them).
# The clock is moved for this run only, by libfaketime (Debian package `faketime`): every process the tests start
# (the bot, the embedded database, the emulators, Chromium) sees the same moved clock, and it runs on from there.
#
#   scripts/test-at-dates.sh                      every date below, every suite on the embedded database
#   scripts/test-at-dates.sh "2028-02-29 12:00:00" -- test/unit test/e2e/campaigns.test.ts
#
# The PostgreSQL-server suites are left out: the server's clock cannot be moved with the tests'.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
  echo "faketime is not installed (Debian: apt-get install faketime)." >&2
  exit 2
fi

# local date and time | time zone of the run (the date is read in it) | why
DEFAULT_DATES=(
  "2026-12-31 23:40:00|UTC|the last minutes of a year"
  "2027-01-31 23:40:00|UTC|the last minutes of a 31-day month"
  "2027-05-01 08:40:00|Asia/Tokyo|already 1 May here, still the last day of April in UTC"
  "2028-02-29 12:00:00|UTC|29 February"
  "2027-03-14 01:50:00|America/Los_Angeles|ten minutes before clocks go forward in Seattle"
  "2027-10-31 02:50:00|Europe/Berlin|in the hour Berlin lives twice as clocks go back (libfaketime takes the second 02:50, in winter time)"
)

dates=()
suites=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; suites=("$@"); break; fi
  dates+=("$1|${TZ:-UTC}|given"); shift
done
[ ${#dates[@]} -gt 0 ] || dates=("${DEFAULT_DATES[@]}")

failed=()
for entry in "${dates[@]}"; do
  IFS='|' read -r when zone why <<<"$entry"
  echo "=== $when in $zone: $why"
  # MFA_TEST_POSTGRES_CHECKED without TEST_POSTGRES_URL: the suites run on the embedded database only.
  if ! env -u TEST_POSTGRES_URL MFA_TEST_POSTGRES_CHECKED=1 TZ="$zone" FAKETIME_DONT_FAKE_MONOTONIC=1 \
      faketime -f "@$when" npx jest ${suites[@]+"${suites[@]}"}; then
    failed+=("$when ($zone)")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  printf 'Failed at: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "Passed at every date."
