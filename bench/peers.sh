#!/usr/bin/env bash
# emgen against its peers, in one run: gSOAP 2.8 (the C++ XML data binding, generated from Veeam's own
# RestAPI.xsd) for the cost of the binding in a user's build and for typed parsing, pugixml and simdjson alone for
# the cost of typing, and protoc for the generator.
#
#   bench/peers.sh [XSD]      (default: tests/import/vendor/RestAPI_v1_3.xsd, Veeam's RestAPI.xsd v1_3)
#
# Steps, all in one build directory (default build-peers/ beside the sources, EMGEN_PEERS_DIR to change it):
#   1. installs what is missing (Debian 12): gsoap, libgsoap-dev, protobuf-compiler, time, binutils, clang,
#      python3-yaml (and the build's own packages: ./build.sh installs them)
#   2. gSOAP: wsdl2h -o restapi.h XSD; soapcpp2 -0 -C -L -x (no SOAP, client side, no library, no sample
#      messages)
#   3. emgen: builds the generator, the bindings and peer_parse in a Release build (EMGEN_PEERS_BUILD, default
#      build-peers/emgen). Then COMPILE_ROUNDS rounds (default 3), each compiling gSOAP's soapC.cpp at -O2, one
#      job, and running each of veeam_em's compile commands (its unity batches) one after the other at -O2
#      without ccache, the two in turn first; CPU time (user + sys), emgen's summed, the median round of each.
#      (One round each differed by up to 40 % from one run to the next on a shared 2-core VM.) gSOAP's binding
#      is compiled again at the build's -O3 for its driver
#   4. code size: .text of soapC.o against the .text of veeam_em's objects, both at -O2 (`size`)
#   5. typed parse: peer_parse writes the v13- and v1_3-shaped documents (10,000 BackupJobSessions); gsoap_parse
#      and peer_parse read them in ROUNDS processes each (default 5), interleaved, PER_PROCESS rounds per
#      process (default 4) after two that are discarded; the median CPU time of each measure (and, before and
#      after, the fastest too)
#   6. generator: emgen generate against protoc --cpp_out on an equivalent 1,000-resource set
#      (bench/make_schemas.py, with and without --proto), REPEAT times each (default 5), interleaved, median CPU
#   7. where the compile time goes: per-translation-unit times of step 3, -ftime-report of the heaviest, clang's
#      -ftime-trace template instantiations of it, and a user file that includes one generated header
#      (preprocessed size, compile CPU time) against one that includes gSOAP's soapH.h
# BASELINE_PEER_PARSE: a peer_parse built from another commit (copied aside before a change to the runtime or the
# generated readers; it links the runtime statically); it is timed interleaved with this build's, and a table of
# before and after is added. BASELINE_LABEL names it (default: its path).
# Prints markdown, and writes it into bench/RESULTS.md between the "peers.sh" markers (NO_WRITE=1: print only).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
xsd="${1:-$root/tests/import/vendor/RestAPI_v1_3.xsd}"
work="${EMGEN_PEERS_DIR:-$root/build-peers}"
rounds="${ROUNDS:-5}"
baseline="${BASELINE_PEER_PARSE:-}"
baseline_label="${BASELINE_LABEL:-$baseline}"
[[ -z "$baseline" || -x "$baseline" ]] || die "BASELINE_PEER_PARSE=$baseline is not an executable"
repeat="${REPEAT:-5}"
results="$here/RESULTS.md"
die() { echo "peers.sh: $*" >&2; exit 1; }
[[ -f "$xsd" ]] || die "no XSD at $xsd"
[[ "$rounds" =~ ^[1-9][0-9]*$ && "$repeat" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS and REPEAT must be positive numbers"

install_missing() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get (Debian 12 expected)"
  echo "peers.sh: installing ${missing[*]}" >&2
  local sudo=""
  [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
install_missing gsoap libgsoap-dev protobuf-compiler time binutils clang cmake ninja-build g++ python3 python3-yaml

mkdir -p "$work"
gsoap="$work/gsoap"
build="${EMGEN_PEERS_BUILD:-$work/emgen}"
docs="$work/documents"
logs="$work/logs"
# Two runs in one directory would time each other's compiles and mix their logs.
mkdir -p "$work"
exec 9>"$work/.lock"
flock -n 9 || die "another peers.sh is running in $work"
rm -rf "$gsoap" "$docs" "$logs" "$work/scale"
mkdir -p "$gsoap" "$docs" "$logs"
out="$work/peers.md"

# cpu COMMAND...: runs COMMAND (output in $logs/last.log) under /usr/bin/time; prints "wall_s cpu_s".
cpu() {
  /usr/bin/time -o "$logs/time" -f "%e %U %S" "$@" >"$logs/last.log" 2>&1 ||
    { cat "$logs/last.log" >&2; die "failed: $*"; }
  awk 'NR == 1 && NF == 3 { printf "%.2f %.2f", $1, $2 + $3 }' "$logs/time"
}
# number NAME VALUE: VALUE, or the run stops when it is not a plain number (a figure that is not one is a bug).
number() { [[ "$2" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "$1 is not a number: '$2'"; }
# median: the median of the numbers on stdin, one a line.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

load_start="$(load)"

# ---- 2. gSOAP's binding ------------------------------------------------------------------------------------
(cd "$gsoap" && wsdl2h -o restapi.h "$xsd" >"$logs/wsdl2h.log" 2>&1) || { cat "$logs/wsdl2h.log" >&2; die "wsdl2h failed"; }
(cd "$gsoap" && soapcpp2 -0 -C -L -x -I/usr/share/gsoap/import restapi.h >"$logs/soapcpp2.log" 2>&1) ||
  { cat "$logs/soapcpp2.log" >&2; die "soapcpp2 failed"; }
gsoap_types=$(grep -c '^class ns1__' "$gsoap/soapStub.h")

# ---- 3. emgen's binding ------------------------------------------------------------------------------------
# A Release build (the project's flags) for the readers and the generator. The binding's compile cost is then
# measured at -O2 like gSOAP's: each of veeam_em's compile commands (compile_commands.json) run one after the
# other, -O2 for the build's -O3, without ccache, into a scratch directory.
configure_args=()
if command -v ccache >/dev/null; then configure_args=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
# A new build directory gets no tests (they need GoogleTest, which this comparison does not); an existing one
# keeps its setting.
[[ -f "$build/CMakeCache.txt" ]] || configure_args+=(-DEMGEN_BUILD_TESTS=OFF)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${configure_args[@]}" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DEMGEN_BUILD_BENCHMARKS=ON >"$logs/configure.log" 2>&1 || { cat "$logs/configure.log" >&2; die "configure failed"; }
ninja -C "$build" emgen peer_parse >"$logs/build.log" 2>&1 || { cat "$logs/build.log" >&2; die "build failed"; }
mkdir -p "$logs/o2"
python3 "$here/peers_tools.py" commands "$build/compile_commands.json" "$logs/o2" >"$logs/o2/commands"
units=$(wc -l <"$logs/o2/commands")
[[ "$units" -gt 0 ]] || die "no compile command of veeam_em in $build/compile_commands.json"
compile_gsoap() {
  local c
  read -r _ c <<<"$(cpu g++ -std=c++17 -O2 -I"$gsoap" -c "$gsoap/soapC.cpp" -o "$gsoap/soapC.o")"
  number "gSOAP's compile CPU time" "$c"
  echo "$c"
}
# compile_emgen ROUND: each unit's CPU time into $logs/units.ROUND; prints their sum.
compile_emgen() {
  local c directory output command
  : >"$logs/units.$1"
  while IFS=$'\t' read -r directory output command; do
    read -r _ c <<<"$(cd "$directory" && cpu bash -c "$command")"
    number "the compile CPU time of $output" "$c"
    echo "$c $output" >>"$logs/units.$1"
  done <"$logs/o2/commands"
  awk '{ s += $1 } END { printf "%.2f", s }' "$logs/units.$1"
}
compile_rounds="${COMPILE_ROUNDS:-3}"
[[ "$compile_rounds" =~ ^[1-9][0-9]*$ ]] || die "COMPILE_ROUNDS=$compile_rounds is not a positive number"
: >"$logs/compile-rounds"
for ((round = 1; round <= compile_rounds; round++)); do
  if ((round % 2)); then
    g=$(compile_gsoap)
    e=$(compile_emgen "$round")
  else
    e=$(compile_emgen "$round")
    g=$(compile_gsoap)
  fi
  echo "$e $g" >>"$logs/compile-rounds"
done
emgen_cpu=$(cut -d' ' -f1 "$logs/compile-rounds" | median)
gsoap_cpu=$(cut -d' ' -f2 "$logs/compile-rounds" | median)
compile_samples=$(awk '{ printf "%s%s / %s", (NR > 1 ? ", " : ""), $1, $2 }' "$logs/compile-rounds")
gsoap_text=$(size "$gsoap/soapC.o" | awk 'NR == 2 { print $1 }')
# Each unit's median over the rounds, the heaviest first.
cat "$logs"/units.* | awk '{ print $2, $1 }' | sort -k1,1 -k2,2g |
  awk '{ v[$1] = v[$1] " " $2; n[$1]++ } END { for (u in v) { split(substr(v[u], 2), a, " "); m = n[u] % 2 ? a[(n[u] + 1) / 2] : (a[n[u] / 2] + a[n[u] / 2 + 1]) / 2; printf "%.2f %s\n", m, u } }' |
  sort -rn >"$logs/units"
emgen_text=$(size -t "$logs"/o2/*.o | awk 'END { print $1 }')
emgen_types=$(python3 -c '
import glob, sys, yaml
print(sum(len((yaml.safe_load(open(f)) or {}).get("types") or []) for f in glob.glob(sys.argv[1] + "/*.yaml")))' "$root/schemas")
# gSOAP's binding again at the build's -O3 for its parse driver: the readers compare at the same flags.
g++ -std=c++17 -O3 -DNDEBUG -I"$gsoap" -c "$gsoap/soapC.cpp" -o "$gsoap/soapC-O3.o"
g++ -std=c++17 -O3 -DNDEBUG -I"$gsoap" -c "$here/gsoap_parse.cpp" -o "$gsoap/gsoap_parse.o" 2>"$logs/gsoap_parse.log" ||
  { cat "$logs/gsoap_parse.log" >&2; die "gsoap_parse.cpp does not compile"; }
g++ -o "$gsoap/gsoap_parse" "$gsoap/gsoap_parse.o" "$gsoap/soapC-O3.o" -lgsoap++

# ---- 5. typed parse ----------------------------------------------------------------------------------------
"$build/bench/peer_parse" write "$docs" >"$logs/documents.log"
"$gsoap/gsoap_parse" "$docs" check >"$logs/gsoap-check.log"
: >"$logs/samples"
# Each process reads every document twice more than it reports: its first two rounds (fresh heap, the pages of
# the results faulted in, cold caches) are slower and dropped.
per_process=$((${PER_PROCESS:-4} + 2))
for ((r = 0; r < rounds; ++r)); do
  "$gsoap/gsoap_parse" "$docs" "$per_process" | tail -n +5 >>"$logs/samples"
  "$build/bench/peer_parse" time "$docs" "$per_process" | tail -n +11 >>"$logs/samples"
  if [[ -n "$baseline" ]]; then "$baseline" time "$docs" "$per_process" | tail -n +11 | sed 's/^/before_/' >>"$logs/samples"; fi
done
declare -A ms fastest
emgen_measures=(emgen_xml_v13 emgen_xml_v1_3 pugixml_walk_v13 emgen_json_v13 simdjson_walk_v13)
for name in gsoap_xml_v13 gsoap_xml_v1_3 "${emgen_measures[@]}" "${emgen_measures[@]/#/before_}"; do
  ms[$name]=$(awk -v n="$name" '$1 == n { print $2 }' "$logs/samples" | median | awk '{ printf "%.1f", $1 }')
  fastest[$name]=$(awk -v n="$name" '$1 == n { print $2 }' "$logs/samples" | sort -g | head -n 1 | awk '{ printf "%.1f", $1 }')
done
samples_each=$(awk '$1 == "gsoap_xml_v13"' "$logs/samples" | wc -l)

# ---- 6. generator against protoc ---------------------------------------------------------------------------
python3 "$here/make_schemas.py" 1000 "$work/scale/schemas"
python3 "$here/make_schemas.py" --proto 1000 "$work/scale/proto"
# Both write about 2,000 files. On ext4, creating files where as many were just deleted costs the kernel more at
# each repetition (emgen's CPU time went 0.99, 1.38, 2.46, 2.76 s over four runs, protoc's 1.96 to 3.59 s): that
# is the file system's cost, not the generators'. A tmpfs, when there is one, keeps it small and constant.
outputs="$work/scale"
if [[ -d /dev/shm && -w /dev/shm ]] && [[ "$(stat -f -c %T /dev/shm)" == tmpfs ]]; then
  outputs="$(mktemp -d /dev/shm/emgen-peers.XXXXXX)"
  trap 'rm -rf "$outputs"' EXIT
fi
: >"$logs/generators"
for ((r = 0; r < repeat; ++r)); do
  rm -rf "$outputs/out-emgen" "$outputs/out-protoc"
  mkdir -p "$outputs/out-protoc"
  echo "emgen $(cpu "$build/generator/emgen" generate --quiet --schemas "$work/scale/schemas" --templates "$root/templates" --out "$outputs/out-emgen")" >>"$logs/generators"
  echo "protoc $(cd "$work/scale/proto" && cpu protoc -I. --cpp_out="$outputs/out-protoc" ./*.proto)" >>"$logs/generators"
done
outputs_filesystem="$(stat -f -c %T "$outputs")"
emgen_gen=$(awk '$1 == "emgen" { print $3 }' "$logs/generators" | median)
protoc_gen=$(awk '$1 == "protoc" { print $3 }' "$logs/generators" | median)
emgen_allocator=$(ldd "$build/generator/emgen" | awk '/libmimalloc/ { print $1; exit }')
[[ -n "$emgen_allocator" ]] || emgen_allocator="the C library's malloc"
emgen_files=$(find "$outputs/out-emgen" -type f | wc -l)
protoc_files=$(find "$outputs/out-protoc" -type f | wc -l)

# ---- 7. where the compile time goes ------------------------------------------------------------------------
heaviest="$(head -n 1 "$logs/units" | cut -d' ' -f2)"
IFS=$'\t' read -r heaviest_dir _ heaviest_command < <(awk -F'\t' -v o="$heaviest" '$2 == o' "$logs/o2/commands")
heaviest_command="$(sed "s| -o [^ ]*| -o $logs/heaviest.o|" <<<"$heaviest_command")"
(cd "$heaviest_dir" && bash -c "$heaviest_command -ftime-report") >"$logs/time-report" 2>&1 || true
# Clang: the template instantiations of the same unit (-ftime-trace writes heaviest-clang.json beside the object).
clang_command="$(sed -e "s|^[^ ]*|clang++|" -e "s| -o [^ ]*| -o $logs/heaviest-clang.o|" -e 's| -Wno-restrict||' <<<"$heaviest_command")"
(cd "$heaviest_dir" && bash -c "$clang_command -ftime-trace") >"$logs/clang.log" 2>&1 || true
trace="$logs/heaviest-clang.json"
# A user's file with one generated header, one with gSOAP's header, one with the standard headers alone.
printf '%s\n' '#include <veeam/em/backup_job_session.hpp>' \
  'std::string job_of(std::string_view xml) { return veeam::em::BackupJobSession::from_xml(xml).job_name; }' \
  >"$logs/user_one_header.cpp"
printf '%s\n' '#include "soapH.h"' \
  'std::string job_of(soap* context, ns1__BackupJobSessionEntityType* session) {' \
  '  return soap_read_ns1__BackupJobSessionEntityType(context, session) == SOAP_OK ? session->JobName : "";' \
  '}' >"$logs/user_gsoap.cpp"
printf '%s\n' '#include <optional>' '#include <string>' '#include <string_view>' '#include <vector>' \
  'std::string job_of(std::string_view xml) { return std::string(xml); }' >"$logs/user_std.cpp"
flags=(-std=c++20 -O2 "-I$gsoap")
read -r -a words <<<"$heaviest_command"
for ((i = 0; i < ${#words[@]}; ++i)); do
  case "${words[i]}" in
    -I*) flags+=("${words[i]}") ;;
    -isystem) flags+=(-isystem "${words[i + 1]}") ;;
  esac
done
declare -A user_bytes user_cpu
for user in user_one_header user_gsoap user_std; do
  user_bytes[$user]=$(g++ "${flags[@]}" -E "$logs/$user.cpp" | wc -c)
  : >"$logs/user-samples"
  for ((r = 0; r < 3; ++r)); do
    read -r _ c <<<"$(cpu g++ "${flags[@]}" -c "$logs/$user.cpp" -o "$logs/$user.o")"
    echo "$c" >>"$logs/user-samples"
  done
  user_cpu[$user]=$(median <"$logs/user-samples")
done

# ---- The table ---------------------------------------------------------------------------------------------
per_type_gsoap=$(awk -v c="$gsoap_cpu" -v n="$gsoap_types" 'BEGIN { printf "%.3f", c / n }')
per_type_emgen=$(awk -v c="$emgen_cpu" -v n="$emgen_types" 'BEGIN { printf "%.3f", c / n }')
gsoap_check_v13="$(sed -n 's/^v13 default //p' "$logs/gsoap-check.log")"
gsoap_check_v13_strict="$(sed -n 's/^v13 strict //p' "$logs/gsoap-check.log" | cut -c1-160)"
gsoap_check_v1_3="$(sed -n 's/^v1_3 default //p' "$logs/gsoap-check.log")"
gsoap_check_v1_3_strict="$(sed -n 's/^v1_3 strict //p' "$logs/gsoap-check.log" | cut -c1-160)"
gsoap_check_unknown="$(sed -n 's/^unknown default //p' "$logs/gsoap-check.log")"
gsoap_check_unknown_strict="$(sed -n 's/^unknown strict //p' "$logs/gsoap-check.log" | cut -c1-160)"
met() { awk -v r="$1" -v g="$2" 'BEGIN { print (r <= g ? "met" : "NOT MET") }'; }
{
  echo "## emgen against its peers (\`bench/peers.sh\`)"
  echo
  echo "Written by \`bench/peers.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); do not edit by hand."
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); load average $load_start at the start, $(load) at the end."
  echo "Compilers: $(g++ --version | head -n 1); $(clang++ --version | head -n 1). gSOAP $(soapcpp2 -V 2>&1 | grep -o '2\.8\.[0-9]*' | head -n 1), protoc $(protoc --version | cut -d' ' -f2)."
  echo "XSD: \`${xsd#"$root"/}\`; gSOAP: wsdl2h, soapcpp2 -0 -C -L -x, g++ -std=c++17. emgen: the project's Release build (-O3) for the readers and the generator, its compile commands at -O2 for the compile cost; gSOAP's driver at -O3."
  echo
  echo "| measure | emgen | peer | emgen / peer | goal |"
  echo "|---|---:|---:|---:|---|"
  echo "| compile the whole binding, -O2, one job, CPU s, median of $compile_rounds rounds (emgen: veeam_em, $units unity units; gSOAP: soapC.cpp) | $emgen_cpu | $gsoap_cpu (gSOAP) | $(ratio "$emgen_cpu" "$gsoap_cpu") | - |"
  echo "| types in the binding (emgen: schema types, XML+JSON; gSOAP: ns1__ classes, XML only) | $emgen_types | $gsoap_types (gSOAP) | - | - |"
  echo "| compile CPU s per type | $per_type_emgen | $per_type_gsoap (gSOAP) | $(ratio "$per_type_emgen" "$per_type_gsoap") | <= 1.0: $(met "$(ratio "$per_type_emgen" "$per_type_gsoap")" 1.0) |"
  echo "| code size at -O2, .text bytes (emgen: veeam_em's objects; gSOAP: soapC.o) | $emgen_text | $gsoap_text (gSOAP) | $(ratio "$emgen_text" "$gsoap_text") | - |"
  echo "| typed XML parse, v13-shaped, 10,000 sessions, CPU ms | ${ms[emgen_xml_v13]} | ${ms[gsoap_xml_v13]} (gSOAP) | $(ratio "${ms[emgen_xml_v13]}" "${ms[gsoap_xml_v13]}") | <= 0.5: $(met "$(ratio "${ms[emgen_xml_v13]}" "${ms[gsoap_xml_v13]}")" 0.5) |"
  echo "| typed XML parse, v1_3-shaped (\`<FailureMessage />\` in each session), CPU ms | ${ms[emgen_xml_v1_3]} | ${ms[gsoap_xml_v1_3]} (gSOAP) | $(ratio "${ms[emgen_xml_v1_3]}" "${ms[gsoap_xml_v1_3]}") | <= 0.5: $(met "$(ratio "${ms[emgen_xml_v1_3]}" "${ms[gsoap_xml_v1_3]}")" 0.5) |"
  echo "| c/b: typed XML v13 against pugixml load + walk, CPU ms | ${ms[emgen_xml_v13]} | ${ms[pugixml_walk_v13]} (pugixml) | $(ratio "${ms[emgen_xml_v13]}" "${ms[pugixml_walk_v13]}") | <= 1.3: $(met "$(ratio "${ms[emgen_xml_v13]}" "${ms[pugixml_walk_v13]}")" 1.3) |"
  echo "| e/d: typed JSON v13 against simdjson On-Demand walk, CPU ms | ${ms[emgen_json_v13]} | ${ms[simdjson_walk_v13]} (simdjson) | $(ratio "${ms[emgen_json_v13]}" "${ms[simdjson_walk_v13]}") | <= 1.3: $(met "$(ratio "${ms[emgen_json_v13]}" "${ms[simdjson_walk_v13]}")" 1.3) |"
  echo "| generator, 1,000 resources, CPU s (emgen generate: $emgen_files files; protoc --cpp_out: $protoc_files files) | $emgen_gen | $protoc_gen (protoc) | $(ratio "$emgen_gen" "$protoc_gen") | <= 0.5: $(met "$(ratio "$emgen_gen" "$protoc_gen")" 0.5) |"
  echo
  echo "Compile: $compile_rounds rounds, gSOAP and emgen in turn first; emgen / gSOAP CPU s in each: $compile_samples."
  echo
  echo "Parse times: median of $samples_each samples each ($rounds processes per reader, interleaved, $((per_process - 2)) rounds each after two discarded), CPU time of the reading thread from the text in memory to the destroyed result. Generator: median of $repeat runs each, interleaved, CPU time (user + sys), both writing to a $outputs_filesystem; emgen allocates with $emgen_allocator (\`EMGEN_MIMALLOC\`). Documents: $(stat -c %s "$docs/v13.xml") bytes (v13 XML), $(stat -c %s "$docs/v1_3.xml") (v1_3 XML), $(stat -c %s "$docs/v13.json") (v13 JSON)."
  echo
  echo "What gSOAP accepted (\`gsoap_parse DIR check\`; the XSD is v1_3, which has \`FailureMessage\`, required, and requires \`PagingInfo\` in a QueryResult; the documents have no \`PagingInfo\`):"
  echo "v13-shaped (no \`FailureMessage\`): default mode: $gsoap_check_v13; SOAP_XML_STRICT: $gsoap_check_v13_strict."
  echo "v1_3-shaped: default mode: $gsoap_check_v1_3; SOAP_XML_STRICT: $gsoap_check_v1_3_strict."
  echo "v13-shaped with an element no schema lists in each session (\`<Extra0>\`, as growth_bench adds): default mode: $gsoap_check_unknown (skipped, neither kept nor reported); SOAP_XML_STRICT: $gsoap_check_unknown_strict."
  echo "emgen reads all three leniently; on the v1_3-shaped document it keeps each \`FailureMessage\` as an unknown member and reports it (10,000 warnings); in strict mode either unknown element is an error that names its path, line and column."
  echo
  if [[ -n "$baseline" ]]; then
    echo "### Before and after: this build against \`$baseline_label\` (BASELINE_PEER_PARSE), in the same rounds"
    echo
    echo "| measure | before, median CPU ms | after, median | after / before | before, fastest | after, fastest | after / before, fastest |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for name in "${emgen_measures[@]}"; do
      echo "| $name | ${ms[before_$name]} | ${ms[$name]} | $(ratio "${ms[$name]}" "${ms[before_$name]}") | ${fastest[before_$name]} | ${fastest[$name]} | $(ratio "${fastest[$name]}" "${fastest[before_$name]}") |"
    done
    echo "| c/b (emgen_xml_v13 / pugixml_walk_v13) | $(ratio "${ms[before_emgen_xml_v13]}" "${ms[before_pugixml_walk_v13]}") | $(ratio "${ms[emgen_xml_v13]}" "${ms[pugixml_walk_v13]}") | - | $(ratio "${fastest[before_emgen_xml_v13]}" "${fastest[before_pugixml_walk_v13]}") | $(ratio "${fastest[emgen_xml_v13]}" "${fastest[pugixml_walk_v13]}") | - |"
    echo "| e/d (emgen_json_v13 / simdjson_walk_v13) | $(ratio "${ms[before_emgen_json_v13]}" "${ms[before_simdjson_walk_v13]}") | $(ratio "${ms[emgen_json_v13]}" "${ms[simdjson_walk_v13]}") | - | $(ratio "${fastest[before_emgen_json_v13]}" "${fastest[before_simdjson_walk_v13]}") | $(ratio "${fastest[emgen_json_v13]}" "${fastest[simdjson_walk_v13]}") | - |"
    echo "| XML v13 against gSOAP | $(ratio "${ms[before_emgen_xml_v13]}" "${ms[gsoap_xml_v13]}") | $(ratio "${ms[emgen_xml_v13]}" "${ms[gsoap_xml_v13]}") | - | $(ratio "${fastest[before_emgen_xml_v13]}" "${fastest[gsoap_xml_v13]}") | $(ratio "${fastest[emgen_xml_v13]}" "${fastest[gsoap_xml_v13]}") | - |"
    echo "| XML v1_3 against gSOAP | $(ratio "${ms[before_emgen_xml_v1_3]}" "${ms[gsoap_xml_v1_3]}") | $(ratio "${ms[emgen_xml_v1_3]}" "${ms[gsoap_xml_v1_3]}") | - | $(ratio "${fastest[before_emgen_xml_v1_3]}" "${fastest[gsoap_xml_v1_3]}") | $(ratio "${fastest[emgen_xml_v1_3]}" "${fastest[gsoap_xml_v1_3]}") | - |"
    echo
    echo "The raw walks (pugixml, simdjson) run the same code in both programs: their before/after shows the noise. On a loaded machine the samples spread upwards; the fastest of each is the least disturbed."
    echo
  fi
  echo "### Where the compile time goes"
  echo
  echo "veeam_em's translation units at -O2, CPU s each (the median of the rounds):"
  echo '```'
  cat "$logs/units"
  echo '```'
  echo "\`-ftime-report\` of the heaviest, \`${heaviest##*/}\` (GCC at -O2; the phases, then the 12 costliest items; user CPU s and share):"
  echo '```'
  python3 "$here/peers_tools.py" time-report "$logs/time-report"
  echo '```'
  if [[ -s "$trace" ]]; then
    echo "Clang $(clang++ --version | head -n 1 | grep -o '[0-9][0-9.]*' | head -n 1) \`-ftime-trace\` of the same unit: time by phase, instantiations counted, the templates that cost most (total ms, count):"
    echo '```'
    python3 "$here/peers_tools.py" time-trace "$trace"
    echo '```'
  else
    echo "(clang++ -ftime-trace did not give a trace: $(head -c 300 "$logs/clang.log"))"
  fi
  echo
  echo "A user's file: what including one header costs (g++ -std=c++20 -O2 -c, median of 3, CPU s):"
  echo
  echo "| user file | preprocessed bytes | compile CPU s |"
  echo "|---|---:|---:|"
  echo "| \`#include <veeam/em/backup_job_session.hpp>\` + one from_xml call | ${user_bytes[user_one_header]} | ${user_cpu[user_one_header]} |"
  echo "| \`#include \"soapH.h\"\` (gSOAP's one header for the whole binding) + one soap_read call | ${user_bytes[user_gsoap]} | ${user_cpu[user_gsoap]} |"
  echo "| the standard headers alone (\`<optional> <string> <string_view> <vector>\`) | ${user_bytes[user_std]} | ${user_cpu[user_std]} |"
} >"$out"

cat "$out"
if [[ "${NO_WRITE:-0}" != 1 ]]; then
  begin="<!-- peers.sh: begin -->"
  end="<!-- peers.sh: end -->"
  if grep -qF "$begin" "$results"; then
    awk -v b="$begin" -v e="$end" -v f="$out" '
      $0 == b { print; while ((getline line < f) > 0) print line; skip = 1; next }
      $0 == e { skip = 0 }
      !skip { print }' "$results" >"$results.new"
  else
    { cat "$results"; echo; echo "$begin"; cat "$out"; echo "$end"; } >"$results.new"
  fi
  mv "$results.new" "$results"
  echo "peers.sh: wrote the table into ${results#"$root"/}" >&2
fi
