#!/usr/bin/env python3
"""Benchmark mujaz against baselines measured in the same run, and print ratios.

usage: python3 bench/run.py [--runs N] [--batch N] [--rounds N] [--cold N]

1. One cold `mujaz build` of the seed brief (a new process each time) against
   `typst compile` (the official Typst CLI, same version as mujaz's library) of the same
   document: the default outlet's template files and the brief's data from `mujaz data`,
   with the same fonts and no system fonts.
2. A batch of N briefs in one `mujaz build`, in rounds: each round also builds the N briefs
   in separate processes and times cold single builds before and after, and the batch is set
   against the baselines of its own round (this machine's speed drifts between minutes). The
   batch's CPU time, spread over the cores, shows the most any parallel schedule could gain.
3. Where the milliseconds of a single build go (mujaz --timings), and the peak memory of
   the batch (measured by the OS for the child process, not by mujaz).

Needs: cargo. Builds mujaz in release mode; installs typst-cli 0.15.1 into bench/.tools
with `cargo install` when no typst 0.15 is on PATH (a one-off, several minutes).
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "briefs" / "egypt-pakistan-2025-09.toml"
ENGLISH = ROOT / "briefs" / "red-sea-shipping-2024.toml"
TYPST_VERSION = "0.15.1"


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def release_build():
    """Build mujaz in release mode and return the binary's path."""
    print("building mujaz (release) ...", file=sys.stderr)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    return str(ROOT / "target" / "release" / "mujaz")


def timed(cmd, **kw):
    start = time.perf_counter()
    run(cmd, **kw)
    return time.perf_counter() - start


def interleaved_medians(first, second, runs):
    """Median times of two commands run in turn, so that a change in the machine's load
    during the measurement weighs on both alike."""
    timed(first)
    timed(second)  # warm the disk cache once for each; each measured run is a new process
    times = ([], [])
    for _ in range(runs):
        times[0].append(timed(first))
        times[1].append(timed(second))
    return statistics.median(times[0]), statistics.median(times[1])


def find_typst():
    local = ROOT / "bench" / ".tools" / "bin" / "typst"
    for candidate in [shutil.which("typst"), str(local)]:
        if candidate and Path(candidate).exists():
            out = run([candidate, "--version"]).stdout
            if TYPST_VERSION.rsplit(".", 1)[0] in out:
                return candidate
    print(f"installing typst-cli {TYPST_VERSION} into bench/.tools (one-off) ...", file=sys.stderr)
    subprocess.run(
        ["cargo", "install", "typst-cli", "--version", TYPST_VERSION, "--locked", "--root", str(ROOT / "bench" / ".tools")],
        check=True,
    )
    return str(local)


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
        mem = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}"


def numbered_paragraphs(text, n):
    """The brief with `n` put in front of every line of its multi-line texts, so that no
    paragraph is the same in two briefs of the batch (Typst would reuse its layout)."""
    lines, inside = [], None
    for line in text.split("\n"):
        if inside and line.strip() and not line.strip().startswith(inside):
            line = f"{n} {line}"
        for quotes in ('"""', "'''"):
            if line.count(quotes) % 2 == 1 and inside in (None, quotes):
                inside = None if inside else quotes
        lines.append(line)
    return "\n".join(lines)


def make_batch(folder, count):
    """Write `count` briefs: the two samples alternately, each with its own id, title and
    paragraph text."""
    folder.mkdir(parents=True)
    sources = [SEED.read_text(encoding="utf-8"), ENGLISH.read_text(encoding="utf-8")]
    for n in range(count):
        text = numbered_paragraphs(sources[n % 2], n)
        text = re.sub(r'^id = "([^"]+)"', lambda m: f'id = "{m.group(1)}-{n:03}"', text, count=1, flags=re.M)
        text = re.sub(r'^title = "([^"]+)"', lambda m: f'title = "{m.group(1)} ({n})"', text, count=1, flags=re.M)
        (folder / f"brief-{n:03}.toml").write_text(text, encoding="utf-8")


def stage_timings(mujaz, brief, out, runs):
    stages = {}
    for _ in range(runs):
        err = run([mujaz, "build", "--force", "--timings", str(brief), "-o", str(out)]).stderr
        for name, value in re.findall(r"(\w+) ([\d.]+) ms", err):
            stages.setdefault(name, []).append(float(value))
    return {name: statistics.median(values) for name, values in stages.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=25, help="repetitions of each single-build timing")
    parser.add_argument("--batch", type=int, default=200, help="briefs in the batch")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the batch measurement")
    parser.add_argument("--cold", type=int, default=10,
                        help="cold single builds before and after the batch in each round")
    args = parser.parse_args()

    mujaz = release_build()
    typst = find_typst()
    typst_version = run([typst, "--version"]).stdout.strip()

    with tempfile.TemporaryDirectory(prefix="mujaz-bench-") as tmp:
        tmp = Path(tmp)
        # The same document for typst: the default outlet's files plus the brief's data.
        project = tmp / "typst-project"
        shutil.copytree(ROOT / "templates" / "default", project)
        run([mujaz, "data", str(SEED), "-o", str(project / "brief.json")])
        typst_cmd = [typst, "compile", "--root", str(project), "--font-path", str(ROOT / "fonts"),
                     "--ignore-system-fonts", str(project / "brief.typ"), str(tmp / "typst.pdf")]
        if "--ignore-embedded-fonts" in run([typst, "compile", "--help"]).stdout:
            typst_cmd.insert(2, "--ignore-embedded-fonts")
        mujaz_cmd = [mujaz, "build", "--force", str(SEED), "-o", str(tmp / "mujaz.pdf")]

        single_mujaz, single_typst = interleaved_medians(mujaz_cmd, typst_cmd, args.runs)
        pages_mujaz = re.search(r"\((\d+) pages?\)", run(mujaz_cmd).stderr).group(1)

        stages = stage_timings(mujaz, SEED, tmp / "stages.pdf", args.runs)

        briefs = tmp / "batch"
        make_batch(briefs, args.batch)
        rounds = [batch_round(mujaz, mujaz_cmd, briefs, tmp, n, args.cold) for n in range(args.rounds)]

    print(f"machine: {machine()}")
    print(f"mujaz {run([mujaz, '--version']).stdout.split()[-1]} (release build), {typst_version}")
    print()
    print(f"1. single cold build of the seed brief ({pages_mujaz} pages), median of {args.runs} runs")
    print(f"   mujaz build      {single_mujaz * 1000:8.1f} ms")
    print(f"   typst compile    {single_typst * 1000:8.1f} ms")
    print(f"   ratio mujaz / typst: {single_mujaz / single_typst:.2f}")
    print()
    cores = os.cpu_count() or 1
    print(f"2. {args.batch} briefs, {args.rounds} rounds; each round: the batch in one mujaz build,")
    print(f"   {args.batch} separate processes, and {2 * args.cold} cold single builds around them")
    for n, r in enumerate(rounds, 1):
        print(f"   round {n}: batch {r['batch']:5.2f} s = {r['per_brief'] * 1000:5.1f} ms a brief"
              f" ({r['cpu'] * 1000:5.1f} ms of CPU), separate {r['separate']:5.2f} s,"
              f" cold {r['cold'] * 1000:5.1f} ms -> {r['per_brief'] / r['cold']:.2f} of a cold build")
    ratios = [r["per_brief"] / r["cold"] for r in rounds]
    print(f"   per brief in the batch / one cold single build: median {statistics.median(ratios):.2f}"
          f" (rounds {min(ratios):.2f}-{max(ratios):.2f})")
    print(f"   ratio batch / separate: median {statistics.median(r['batch'] / r['separate'] for r in rounds):.2f}")
    # What the batch would take with every core busy all the time: the ceiling of parallel work.
    bound = statistics.median(r["cpu"] / cores / r["cold"] for r in rounds)
    print(f"   CPU a brief, spread over {cores} cores / one cold build: {bound:.2f} (no batch on this machine does better)")
    print(f"   batch PDFs identical to separately built ones: {'yes' if all(r['same'] for r in rounds) else 'NO'}")
    print(f"   peak memory of the {args.batch}-brief batch: {max(r['peak_kib'] for r in rounds) / 1024:.0f} MB")
    print()
    print(f"3. where a single build's time goes (median ms, mujaz --timings)")
    for name in ["load", "validate", "render", "export", "write"]:
        if name in stages:
            print(f"   {name:<9}{stages[name]:8.1f} ms")


def batch_round(mujaz, single_cmd, briefs, tmp, n, cold_runs):
    """One round of the batch measurement: cold single builds, the batch, the same briefs
    built one process each, cold single builds again. The batch is set against the cold
    builds of its own round, since this machine's speed drifts from minute to minute."""
    colds = [timed(single_cmd) for _ in range(cold_runs)]
    out = tmp / f"batch-out-{n}"
    start = time.perf_counter()
    batch = subprocess.Popen([mujaz, "build", "--force", str(briefs), "-o", str(out)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # wait4 gives the peak resident memory of the largest process (the batch or one of its
    # workers), and the CPU time of the batch and its workers, as the kernel counted them.
    _, status, usage = os.wait4(batch.pid, 0)
    batch_time = time.perf_counter() - start
    if status != 0:
        raise SystemExit("the batch build failed")
    separate_out = tmp / f"separate-out-{n}"
    start = time.perf_counter()
    for brief in sorted(briefs.iterdir()):
        run([mujaz, "build", "--force", str(brief), "-o", str(separate_out / (brief.stem + ".pdf"))])
    separate = time.perf_counter() - start
    colds += [timed(single_cmd) for _ in range(cold_runs)]
    count = len(list(briefs.iterdir()))
    same = all((out / (b.stem + ".pdf")).read_bytes() == (separate_out / (b.stem + ".pdf")).read_bytes()
               for b in briefs.iterdir())
    return {
        "batch": batch_time,
        "per_brief": batch_time / count,
        "cpu": (usage.ru_utime + usage.ru_stime) / count,
        "separate": separate,
        "cold": statistics.median(colds),
        "same": same,
        "peak_kib": usage.ru_maxrss,
    }


if __name__ == "__main__":
    main()
