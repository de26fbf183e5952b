#!/usr/bin/env bash
# Runs Tribune's whole test suite the way CI does: the store tests on both
# SQLite and a throwaway PostgreSQL 15 cluster, the browser tests on the
# Debian Chromium, and the email tests against one mail catcher
# (cmd/tribune-mailcatcher: SMTP plus a JSON API) started on free ports and
# handed to the tests as TRIBUNE_TEST_SMTP and TRIBUNE_TEST_MAILBOX.
#
#   ./scripts/test.sh                        # go vet + go test ./...
#   ./scripts/test.sh ./internal/store/...   # only some packages
#   ./scripts/test.sh -run TestSaveArticle ./internal/store/
#
# Extra arguments go to `go test`. With CI=true a missing PostgreSQL or
# Chromium, or a mail catcher that does not start, fails the run; otherwise
# the script warns, the tests that need PostgreSQL or Chromium skip with a
# message and the email tests start their own in-process catcher.
set -euo pipefail

cd "$(dirname "$0")/.."

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export PATH="/usr/local/go/bin:$PATH"

in_ci() { [[ "${CI:-}" == "true" || "${CI:-}" == "1" ]]; }
say() { printf 'test.sh: %s\n' "$*" >&2; }
# problem fails the run in CI and only warns elsewhere.
problem() {
	if in_ci; then
		say "error: $* (required when CI=true)"
		exit 1
	fi
	say "warning: $*; the tests that need it will skip"
}

# Go needs somewhere to keep its caches, also when run as root from a CI
# runner that leaves HOME unset.
if [[ -z "${HOME:-}" ]]; then
	HOME=$(getent passwd "$(id -un)" | cut -d: -f6)
	export HOME=${HOME:-/root}
fi
export GOCACHE=${GOCACHE:-$(go env GOCACHE)}
[[ "$GOCACHE" != /* ]] || mkdir -p "$GOCACHE"

# --- Install what is missing -------------------------------------------------
missing=()
[[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || missing+=(postgresql-15)
[[ -x "$CHROMIUM" ]] || missing+=(chromium)
if ((${#missing[@]} > 0)); then
	if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
		say "installing ${missing[*]}"
		{ DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >&2 ||
			say "apt-get could not install ${missing[*]}"
	else
		say "missing ${missing[*]}; install with: sudo apt-get install ${missing[*]}"
	fi
fi

# What is still missing now fails the run in CI and is a warning elsewhere.
if [[ -x "$CHROMIUM" ]]; then
	export TRIBUNE_TEST_CHROMIUM="$CHROMIUM"
else
	problem "Chromium is not installed ($CHROMIUM missing)"
fi

# --- A throwaway PostgreSQL cluster -----------------------------------------
PGTMP=""
MAILTMP=""   # the mail catcher's binary, address file and log
MAIL_PID=""
cleanup() {
	if [[ -n "$PGTMP" && -d "$PGTMP" ]]; then
		if [[ -f "$PGTMP/data/postmaster.pid" ]]; then
			as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
		fi
		rm -rf "$PGTMP"
	fi
	if [[ -n "$MAIL_PID" ]]; then
		kill "$MAIL_PID" 2>/dev/null || true
		wait "$MAIL_PID" 2>/dev/null || true
	fi
	if [[ -n "$MAILTMP" ]]; then
		rm -rf "$MAILTMP"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# as_pg runs a PostgreSQL tool as the postgres system user when we are root
# (the server refuses to run as root), from a folder that user can read.
as_pg() {
	if [[ $(id -u) -eq 0 ]]; then
		(cd "$PGTMP" && runuser -u postgres -- "$@")
	else
		(cd "$PGTMP" && "$@")
	fi
}

# free_port prints a TCP port nobody listens on at the moment.
free_port() {
	if command -v python3 >/dev/null; then
		python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' && return
	fi
	local port
	for _ in $(seq 50); do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return
		fi
	done
	return 1
}

start_postgres() {
	[[ -x "$PG_BIN/initdb" ]] || { problem "PostgreSQL 15 is not installed ($PG_BIN/initdb missing)"; return 0; }
	if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
		problem "no 'postgres' system user to run the test cluster as"
		return 0
	fi
	PGTMP=$(mktemp -d "${TMPDIR:-/tmp}/tribune-pg.XXXXXX")
	mkdir -p "$PGTMP/sock"
	[[ $(id -u) -ne 0 ]] || chown -R postgres: "$PGTMP"
	local port
	port=$(free_port) || { problem "no free port for PostgreSQL"; return 0; }
	if ! as_pg "$PG_BIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust \
		-E UTF8 --locale=C --no-sync >"$PGTMP/initdb.log" 2>&1; then
		cat "$PGTMP/initdb.log" >&2
		problem "initdb failed"
		return 0
	fi
	local opts="-c listen_addresses=127.0.0.1 -p $port -k $PGTMP/sock -c fsync=off"
	opts+=" -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
	if ! as_pg "$PG_BIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -o "$opts" -w -t 60 start >/dev/null; then
		cat "$PGTMP/server.log" >&2 || true
		problem "PostgreSQL did not start"
		return 0
	fi
	export TRIBUNE_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
	say "PostgreSQL 15 on 127.0.0.1:$port ($PGTMP)"
}
start_postgres

# --- A mail catcher ----------------------------------------------------------
# mail_problem fails the run in CI; elsewhere the email tests fall back to an
# in-process catcher (mailcatcher.ForTest), so it only warns.
mail_problem() {
	in_ci && problem "$*"
	say "warning: $*; the email tests will start their own in-process catcher"
}

start_mailcatcher() {
	MAILTMP=$(mktemp -d "${TMPDIR:-/tmp}/tribune-mail.XXXXXX")
	if ! go build -o "$MAILTMP/tribune-mailcatcher" ./cmd/tribune-mailcatcher; then
		mail_problem "could not build cmd/tribune-mailcatcher"
		return 0
	fi
	"$MAILTMP/tribune-mailcatcher" -smtp 127.0.0.1:0 -http 127.0.0.1:0 \
		-addr-file "$MAILTMP/addr" >/dev/null 2>"$MAILTMP/catcher.log" &
	MAIL_PID=$!
	# It writes the address file (renamed into place, so never half
	# written) once both ports listen; give it ten seconds.
	for _ in $(seq 100); do
		[[ -s "$MAILTMP/addr" ]] && break
		kill -0 "$MAIL_PID" 2>/dev/null || break
		sleep 0.1
	done
	if [[ ! -s "$MAILTMP/addr" ]]; then
		cat "$MAILTMP/catcher.log" >&2 || true
		mail_problem "the mail catcher did not start"
		return 0
	fi
	TRIBUNE_TEST_SMTP=$(sed -n 's/^smtp=//p' "$MAILTMP/addr")
	TRIBUNE_TEST_MAILBOX=$(sed -n 's/^http=//p' "$MAILTMP/addr")
	export TRIBUNE_TEST_SMTP TRIBUNE_TEST_MAILBOX
	say "mail catcher: SMTP on $TRIBUNE_TEST_SMTP, API at $TRIBUNE_TEST_MAILBOX"
}
start_mailcatcher

# --- Vet and test ------------------------------------------------------------
# Arguments that name packages limit both vet and test to them; without any,
# the whole module runs.
pkgs=()
for arg in "$@"; do
	case "$arg" in
	./* | ../* | tribune | tribune/*) pkgs+=("$arg") ;;
	esac
done
if ((${#pkgs[@]} == 0)); then
	pkgs=(./...)
	set -- "$@" ./...
fi

# A vet failure fails the run, but the tests still run so that one report
# shows every problem; the exit status is go test's when that fails.
say "go vet ${pkgs[*]}"
vet_status=0
go vet "${pkgs[@]}" || vet_status=$?
((vet_status == 0)) || say "go vet failed (exit $vet_status)"

say "go test -count=1 -timeout 20m $*"
status=0
go test -count=1 -timeout 20m "$@" || status=$?
if ((status == 0 && vet_status != 0)); then
	status=$vet_status
fi
exit "$status"
