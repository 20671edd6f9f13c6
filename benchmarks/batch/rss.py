"""Peak memory of a process tree, sampled from /proc until stdin closes; prints JSON per pid.

A separate process on purpose: a sampling thread inside the benchmark would sit in the parent
the batch forks its workers from. Peak RSS is the kernel's own high-water mark (VmHWM), so a
slow poll misses nothing; it counts pages a worker shares with its parent (the model). PSS
divides shared pages among their sharers, so it is what each worker really adds; it comes from
smaps_rollup, which walks the page tables and costs kernel time, so it is read rarely (a
sampler that read it ten times a second took a quarter of a core from the run it measured).
"""

from __future__ import annotations

import json
import select
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.batch.processes import descendants

POLL_SECONDS = 0.5
PSS_EVERY_SECONDS = 3.0


def _status_kb(pid: int) -> tuple[str, int] | None:
    """(command name, peak RSS in kB) from /proc/PID/status."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return None
    values = dict(line.split(":", 1) for line in lines if ":" in line)
    peak = values.get("VmHWM", "0 kB").split()[0]
    return values.get("Name", "?").strip(), int(peak)


def _pss_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0
    values = {line.split(":")[0]: line.split()[1] for line in rollup[1:] if ":" in line}
    return int(values.get("Pss", 0))


def main() -> None:
    root = int(sys.argv[1])
    peaks: dict[int, dict[str, object]] = {}
    last_pss = 0.0
    while not select.select([sys.stdin], [], [], POLL_SECONDS)[0]:
        read_pss = time.monotonic() - last_pss >= PSS_EVERY_SECONDS
        if read_pss:
            last_pss = time.monotonic()
        for pid in descendants(root):
            sample = _status_kb(pid)
            if sample is None:
                continue
            name, rss = sample
            peak = peaks.setdefault(pid, {"name": name, "rss_mb": 0.0, "pss_mb": 0.0})
            peak["rss_mb"] = max(float(str(peak["rss_mb"])), rss / 1024)
            if read_pss:
                peak["pss_mb"] = max(float(str(peak["pss_mb"])), _pss_kb(pid) / 1024)
    sys.stdout.write(json.dumps(peaks) + "\n")


if __name__ == "__main__":
    main()
