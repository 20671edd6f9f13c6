"""Peak memory of a process tree, sampled from /proc until stdin closes; prints JSON per pid.

A separate process on purpose: a sampling thread inside the benchmark would sit in the parent
the batch forks its workers from.  RSS counts pages a worker shares with its parent (the model);
PSS divides shared pages among their sharers, so it is what each worker really adds.
"""

from __future__ import annotations

import json
import select
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.batch.processes import descendants


def _memory_kb(pid: int) -> tuple[str, int, int] | None:
    try:
        name = Path(f"/proc/{pid}/comm").read_text().strip()
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return None
    values = {line.split(":")[0]: int(line.split()[1]) for line in rollup[1:] if ":" in line}
    return name, values.get("Rss", 0), values.get("Pss", 0)


def main() -> None:
    root = int(sys.argv[1])
    peaks: dict[int, dict[str, object]] = {}
    while not select.select([sys.stdin], [], [], 0.1)[0]:
        for pid in descendants(root):
            sample = _memory_kb(pid)
            if sample is None:
                continue
            name, rss, pss = sample
            peak = peaks.setdefault(pid, {"name": name, "rss_mb": 0.0, "pss_mb": 0.0})
            peak["rss_mb"] = max(float(str(peak["rss_mb"])), rss / 1024)
            peak["pss_mb"] = max(float(str(peak["pss_mb"])), pss / 1024)
    sys.stdout.write(json.dumps(peaks) + "\n")


if __name__ == "__main__":
    main()
