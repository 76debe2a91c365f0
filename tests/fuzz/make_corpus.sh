#!/usr/bin/env bash
# Regenerates the seed corpora in tests/fuzz/corpus/<target>/ from the documented examples and the schemas.
#   tests/fuzz/make_corpus.sh [BUILD_DIR]      (default: build; needs BUILD_DIR/tools/em-inspect)
# Run it again when a document type or an example is added: the first byte of an xml/json seed is the
# index of its type in veeam::em::document_types() (em-inspect --list prints that order), see fuzz_document.hpp.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
inspect="$build/tools/em-inspect"
[ -x "$inspect" ] || { echo "make_corpus.sh: $inspect is not built (cmake --build $build --target em-inspect)" >&2; exit 2; }
corpus=tests/fuzz/corpus
rm -rf "$corpus"
mkdir -p "$corpus"/{fuzz_xml,fuzz_json,fuzz_dynamic,fuzz_schema_loader,fuzz_datetime,fuzz_uid}

mapfile -t types < <("$inspect" --list | cut -f1)
count=${#types[@]}
index_of() {
  local i
  for i in "${!types[@]}"; do [ "${types[$i]}" = "$1" ] && { echo "$i"; return 0; }; done
  return 1
}
# selector byte, payload file, output file
seed() { { printf "\\$(printf '%03o' "$1")"; cat "$2"; } > "$3"; }
# The value in EM 13.x's camelCase JSON, read strictly and written back in camelCase (selector bits: see
# fuzz_document.hpp).
camel_seed() {
  if "$inspect" --strict --json-style camel "$2" "$3" > "$4.tmp" 2>/dev/null; then
    seed $(($1 + 5 * count)) "$4.tmp" "$4"
  fi
  rm -f "$4.tmp"
}

for example in schemas/examples/*.xml schemas/examples/*.json; do
  file=$(basename "$example")
  type=${file%%.*}
  type=${type%%_*}
  i=$(index_of "$type") || { echo "make_corpus.sh: skipping $file (no document type $type)" >&2; continue; }
  stem=${file%.*}
  case "$file" in
    *.xml)
      seed "$i" "$example" "$corpus/fuzz_xml/$stem"                       # lenient, compact
      seed $((i + count)) "$example" "$corpus/fuzz_xml/$stem.strict"      # strict
      # The same value in EM's JSON form, as a JSON seed.
      if "$inspect" "$type" "$example" > "$corpus/fuzz_json/$stem.from-xml.tmp" 2>/dev/null; then
        seed "$i" "$corpus/fuzz_json/$stem.from-xml.tmp" "$corpus/fuzz_json/$stem.from-xml"
      fi
      rm -f "$corpus/fuzz_json/$stem.from-xml.tmp"
      camel_seed "$i" "$type" "$example" "$corpus/fuzz_json/$stem.from-xml.camel"
      ;;
    *.json)
      seed "$i" "$example" "$corpus/fuzz_json/$stem"
      seed $((i + count)) "$example" "$corpus/fuzz_json/$stem.strict"
      camel_seed "$i" "$type" "$example" "$corpus/fuzz_json/$stem.camel"
      ;;
  esac
done

# Shapes that once made reading superlinear (paths of unknown members built by scanning their siblings): a
# QueryResult of 50 sessions, each with unknown members, one nested 64 deep, one with a 2,000-character name.
# libFuzzer's -timeout (tests/fuzz/run.sh) fails an input that takes too long.
i=$(index_of QueryResult)
session=$(sed -n 's/.*\(<BackupJobSession .*<\/BackupJobSession>\).*/\1/p' <(tr -d '\n' < schemas/examples/BackupJobSession_doc13.xml))
deep_xml=$(printf '<Deep>%.0s' $(seq 64); printf '</Deep>%.0s' $(seq 64))
deep_json=$(printf '{"Deep":%.0s' $(seq 64); printf '1'; printf '}%.0s' $(seq 64))
long=Long$(printf 'x%.0s' $(seq 2000))
{
  printf '<QueryResult><Entities><BackupJobSessions>'
  for n in $(seq 50); do
    printf '%s' "${session%</BackupJobSession>}<Extra$n Code=\"1\"><Text>t</Text></Extra$n>$deep_xml<$long>1</$long></BackupJobSession>"
  done
  printf '</BackupJobSessions></Entities></QueryResult>'
} > "$corpus/shape.xml.tmp"
seed "$i" "$corpus/shape.xml.tmp" "$corpus/fuzz_xml/QueryResult_unknown_members_shape"
{
  printf '{"Entities":{"BackupJobSessions":{"BackupJobSessions":['
  for n in $(seq 50); do
    [ "$n" -gt 1 ] && printf ','
    printf '{"Extra%s":{"Code":1},"Deep":%s,"%s":1,"Href":"h","JobName":"j"}' "$n" "$deep_json" "$long"
  done
  printf ']}}}'
} > "$corpus/shape.json.tmp"
seed "$i" "$corpus/shape.json.tmp" "$corpus/fuzz_json/QueryResult_unknown_members_shape"
rm -f "$corpus/shape.xml.tmp" "$corpus/shape.json.tmp"

# fuzz_dynamic: two selector bytes, the type's index and the reading (bit 0 strict, 1 pretty, 2 camelCase; see
# fuzz_dynamic.cpp); each input is read both as XML and as JSON.
for example in schemas/examples/*.xml schemas/examples/*.json; do
  file=$(basename "$example")
  type=${file%%_*}
  type=${type%%.*}
  i=$(index_of "$type") || continue
  for reading in 0 1 6; do
    { printf "\\$(printf '%03o' "$i")\\$(printf '%03o' "$reading")"; cat "$example"; } > "$corpus/fuzz_dynamic/$file.$reading"
  done
done

# Schema files: the project's, and the broken-schema corpus of the generator tests.
cp schemas/*.yaml "$corpus/fuzz_schema_loader/"
for schema in tests/generator/schema_errors/*/*.yaml; do
  [ "$(basename "$schema")" = api.yaml ] && continue
  case_name=$(basename "$(dirname "$schema")")
  cp "$schema" "$corpus/fuzz_schema_loader/error-$case_name-$(basename "$schema")"
done

n=0
for text in 2014-10-19T05:22:52Z 2023-01-27T17:05:52.069837Z 2020-02-04T08:47:10.64Z 2025-09-24T20:00:09.607Z \
            2019-03-05T14:01:12.1234567Z 2019-03-05T14:01:12+03:00 2019-03-05T14:01:12-07:30 2019-03-05T14:01:12 \
            2024-02-29t00:00:00z 0001-01-01T00:00:00Z 9999-12-31T23:59:59.999999Z 2023-02-30T00:00:00Z; do
  printf '%s' "$text" > "$corpus/fuzz_datetime/$(printf '%02d' $n)"
  n=$((n + 1))
done

n=0
for text in urn:veeam:BackupJobSession:d46e39e0-1131-4585-91a7-e828ce7eafae URN:VEEAM:Job:1 \
            urn:veeam:Tenant:a:b:c urn:veeam:: urn:veeam:Kind: urn:veeam:; do
  printf '%s' "$text" > "$corpus/fuzz_uid/$(printf '%02d' $n)"
  n=$((n + 1))
done

for target in "$corpus"/*; do echo "$(basename "$target"): $(ls "$target" | wc -l) seeds"; done
