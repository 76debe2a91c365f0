#!/bin/sh
# The consumer's workflow with the emgen command line alone, no build: draft from the help pages, check the
# schemas on top of EM's, inspect a payload, generate, and diff against the last release. README.md in this
# folder walks through it; ctest runs it (consumer_workflow_end_to_end) and each step asserts what it prints.
#
#   sh workflow.sh EMGEN EM_SCHEMAS PAGES WORK
#
# EMGEN: the emgen executable; EM_SCHEMAS: emgen's schemas (share/emgen/schemas when installed, beside
# share/emgen/templates; schemas/ beside templates/ in emgen's source tree); PAGES: the folder of help pages
# (emgen's tests/import/pages); WORK: a scratch folder, emptied first.
set -eu
if [ $# -ne 4 ]; then
  echo "usage: sh workflow.sh EMGEN EM_SCHEMAS PAGES WORK" >&2
  exit 2
fi
emgen=$1
em=$2
pages=$3
work=$4
here=$(cd "$(dirname "$0")" && pwd)
templates=$(dirname "$em")/templates
rm -rf "$work"
mkdir -p "$work"

fail() {
  printf 'workflow.sh: %s\n' "$*" >&2
  exit 1
}

# Runs a command, its output kept in $work/out and $work/err, and requires the exit status given first.
run() {
  want=$1
  shift
  printf '$ %s\n' "$*"
  set +e
  "$@" >"$work/out" 2>"$work/err"
  got=$?
  set -e
  if [ "$got" != "$want" ]; then
    cat "$work/out" "$work/err" >&2
    fail "exited $got, expected $want: $*"
  fi
}

# Requires a line of a file to hold a text, as it is (no pattern).
holds() {
  grep -qF -- "$2" "$1" || {
    cat "$1" >&2
    fail "$(basename "$1") lacks: $2"
  }
}

# 1. Draft the new resource from its help pages, for review. With --import the draft uses EM's types by name
#    (EM's Link instead of one of its own; Entity as the base of a type that lists Entity's fields), so it checks
#    beside them.
run 0 "$emgen" import page "$pages/agents_discoveredcomputers_id.md" "$pages/get_agents_discoveredcomputers_id.md" \
  --import "$em=veeam::em" --out "$work/drafts"
holds "$work/err" "DiscoveredComputer: lists Href, Type, Name, UID, Links, the fields of the imported Entity"
holds "$work/drafts/discovered_computer.yaml" "extends: Entity"
run 0 "$emgen" check --schemas "$work/drafts" --import "$em=veeam::em"

# 2. The reviewed schemas (this folder's schemas/) checked with the set they import: every name resolved, every
#    example read strictly as its type, every expect: value held.
cp -R "$here/schemas" "$work/schemas"
run 0 "$emgen" check --schemas "$work/schemas" --import "$em=veeam::em"
holds "$work/out" "2 examples read strictly; no errors"

# 3. Inspect a payload as the server sends it: the type found from the XML root, the value as JSON.
payload="$work/schemas/examples/DiscoveredComputer_agents_discoveredcomputers_id.xml"
run 0 "$emgen" inspect --schemas "$work/schemas" --import "$em=veeam::em" auto "$payload"
for value in '"Name": "enterprise03.tech.local"' '"HostStatus": "Online"' '"AgentVersion": "5.0.0.4301"' \
  '"AgentStatus": "Installed"' '"IpAddress": "172.17.53.89"' '"Rel": "Up"' '"Name": "Protection Group 1"' \
  '"OsVersion": "Microsoft Windows Server 2012 R2 (64-bit)"'; do
  holds "$work/out" "$value"
done
# What the schemas lack is reported, located, and the read goes on (a payload made here: the documented one with
# an element no schema knows).
sed 's|<IpAddress>|<Platform>Windows</Platform><IpAddress>|' "$payload" >"$work/newer.xml"
run 0 "$emgen" inspect --schemas "$work/schemas" --import "$em=veeam::em" DiscoveredComputer "$work/newer.xml"
holds "$work/err" "$work/newer.xml:11:2: /DiscoveredComputer: kept unknown element <Platform>"
run 1 "$emgen" inspect --schemas "$work/schemas" --import "$em=veeam::em" --fail-on-warning DiscoveredComputer \
  "$work/newer.xml"

# 4. Generate the bindings (what emgen_generate(... IMPORTS veeam::em) runs at build time).
run 0 "$emgen" generate --schemas "$work/schemas" --import "$em=veeam::em" --namespace acme::em_agents \
  --templates "$templates" --out "$work/generated"
holds "$work/generated/include/acme/em_agents/discovered_computer.hpp" \
  "struct DiscoveredComputer : veeam::em::Entity {"

# 5. Diff against the last release (in a project of your own: --old git:v1.0:schemas). A field removed since is
#    an ERROR and exit 1; the release against itself is no change.
release="$here/schemas"
sed '/name: IpAddress, type: String/d; /IpAddress: "172.17.53.89"/d' "$here/schemas/discovered_computer.yaml" \
  >"$work/schemas/discovered_computer.yaml"
for example in DiscoveredComputer_agents_discoveredcomputers_id.xml DiscoveredComputers_made.xml; do
  sed '/<IpAddress>/d' "$here/schemas/examples/$example" >"$work/schemas/examples/$example"
done
run 0 "$emgen" check --schemas "$work/schemas" --import "$em=veeam::em"
run 1 "$emgen" diff --old "$release" --new "$work/schemas" --import "$em=veeam::em"
holds "$work/out" "FIELD_REMOVED  DiscoveredComputer.IpAddress"
run 0 "$emgen" diff --old "$release" --new "$release" --import "$em=veeam::em"

echo "workflow.sh: every step gave what it should"
