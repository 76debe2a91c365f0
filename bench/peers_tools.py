#!/usr/bin/env python3
"""Helpers of bench/peers.sh (python3, stdlib only).

    bench/peers_tools.py commands COMPILE_COMMANDS_JSON OUT_DIR
        One line per translation unit of the veeam_em bindings: "DIRECTORY<TAB>OUTPUT<TAB>COMMAND", where
        COMMAND is the build's command without ccache, with -O2 for -O3, writing its object into OUT_DIR.
    bench/peers_tools.py time-report FILE
        GCC's -ftime-report output in FILE, summed up: the phases, then the 12 costliest items (user CPU time:
        on a loaded machine the wall column counts the time the compiler waited for a core).
    bench/peers_tools.py time-trace FILE
        Clang's -ftime-trace JSON in FILE, summed up: time by phase, instantiations counted, and the templates
        whose instantiations cost most (total time and count, by template name).
"""

import collections
import json
import re
import shlex
import sys


def commands(compile_commands: str, out_dir: str) -> None:
    with open(compile_commands, encoding="utf-8") as f:
        entries = json.load(f)
    for entry in entries:
        words = [word for word in shlex.split(entry["command"]) if not word.endswith("ccache")]
        at = words.index("-o") if "-o" in words else -1
        output = words[at + 1] if at >= 0 else ""
        if "/veeam_em.dir/" not in "/" + output:
            continue
        words = ["-O2" if word == "-O3" else word for word in words]
        words[at + 1] = out_dir + "/" + output.replace("/", "_")
        print(entry["directory"] + "\t" + output + "\t" + shlex.join(words))


def time_report(path: str) -> None:
    rows = []
    number = r"([0-9.]+) \(\s*(\d+)%\)\s*"
    pattern = re.compile(r"^ (.+?)\s*:\s*" + number + number + number)
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            match = pattern.match(line)
            if match:
                rows.append((match.group(1).strip(), float(match.group(2)), int(match.group(3))))
            elif line.strip().startswith("TOTAL"):
                print(line.rstrip())
    for name, user, percent in rows:
        if name.startswith("phase"):
            print(f"{name:44} {user:8.2f} s {percent:3d} %")
    print()
    for name, user, percent in sorted((r for r in rows if not r[0].startswith("phase")), key=lambda r: -r[1])[:12]:
        print(f"{name:44} {user:8.2f} s {percent:3d} %")


def time_trace(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        events = json.load(f)["traceEvents"]
    totals = {e["name"][len("Total "):]: e["dur"] / 1000 for e in events if e.get("name", "").startswith("Total ")}
    for name in ["ExecuteCompiler", "Frontend", "Source", "ParseClass", "InstantiateClass", "InstantiateFunction",
                 "PerformPendingInstantiations", "Backend", "OptModule", "CodeGenPasses"]:
        if name in totals:
            print(f"{name:32} {totals[name]:10.0f} ms")
    counts = collections.Counter(e["name"] for e in events if e.get("ph") == "X")
    print(f"instantiations: {counts['InstantiateClass']} classes, {counts['InstantiateFunction']} functions")
    by_template = collections.defaultdict(lambda: [0.0, 0])
    for e in events:
        if e.get("name") in ("InstantiateClass", "InstantiateFunction"):
            template = e.get("args", {}).get("detail", "").split("<")[0]
            by_template[template][0] += e["dur"] / 1000
            by_template[template][1] += 1
    print("total ms  count  template (nested instantiations counted in each enclosing one)")
    for template, (ms, count) in sorted(by_template.items(), key=lambda kv: -kv[1][0])[:15]:
        print(f"{ms:8.0f} {count:6d}  {template}")


def main() -> int:
    args = sys.argv[1:]
    if len(args) == 3 and args[0] == "commands":
        commands(args[1], args[2])
    elif len(args) == 2 and args[0] == "time-report":
        time_report(args[1])
    elif len(args) == 2 and args[0] == "time-trace":
        time_trace(args[1])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
