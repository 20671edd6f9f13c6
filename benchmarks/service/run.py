"""Load test of the review API against PostgreSQL: p95 latency of GET /api/review-queue and
POST /api/letters/{id}/review with 50 concurrent clients, against a 1-client baseline run in
the same process.

    .venv/bin/python benchmarks/service/run.py [--url postgresql+pg8000://postgres@127.0.0.1/test]
        [--clients 50] [--seconds 30] [--letters 3000]

It makes its own PostgreSQL schema (dropped afterwards), seeds invented letters with a fixed
seed, starts `donthu serve` on a free port, drives it with asyncio httpx clients (each: read the
queue, confirm one letter of it), and writes benchmarks/service/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx
from sqlalchemy import text

from service.db import make_engine, migrate, session_scope
from service.models import SUGGESTED, Letter, Page, StoredFile
from service.settings import Settings
from service.tasks import save_suggestion
from service.users import add_user

HERE = Path(__file__).resolve().parent
PASSWORD = "mat-khau-do-tai"
OFFICERS = 10  # clients share these accounts (logging in is not what is measured)
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ")
GIVEN = ("Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Minh Đức", "Thu Hà", "Quốc Hùng",
         "Thị Lan", "Văn Long", "Thị Mai")
SUBJECTS = (("khieu_nai", "dat_dai", "Tôi khiếu nại quyết định thu hồi đất của UBND xã"),
            ("to_cao", "tham_nhung", "Tôi tố cáo cán bộ địa chính xã nhận tiền của dân"),
            ("kien_nghi_phan_anh", "moi_truong", "Chúng tôi kiến nghị xử lý ô nhiễm kênh"))


def seed_letters(settings: Settings, count: int, seed: int) -> None:
    """Invented letters already suggested, with deadlines and confidences spread out."""
    rng = random.Random(seed)
    today = date.today()
    with session_scope(settings) as session:
        for officer in range(OFFICERS):
            add_user(session, f"officer{officer}", role="officer", password=PASSWORD)
        for number in range(count):
            loai_don, linh_vuc, opening = rng.choice(SUBJECTS)
            name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
            cccd = f"0{rng.randrange(10**10, 10**11)}"
            body = (f"Kính gửi: Chủ tịch UBND tỉnh. Tôi tên là {name}, CCCD số {cccd}. "
                    f"{opening} số {number}. " + "Nội dung sự việc như sau. " * 30)
            stored = StoredFile(sha256=secrets.token_hex(32), filename=f"don-{number}.png",
                                kind="png", size=len(body), pages_count=1)
            session.add(stored)
            session.flush()
            received = today - timedelta(days=rng.randrange(0, 30))
            letter = Letter(file_id=stored.id, status=SUGGESTED, first_page=1, last_page=1,
                            ngay_nhan=received, ocr_confidence=0.9)
            session.add(letter)
            session.flush()
            session.add(Page(letter_id=letter.id, number=1, source_page=1, text=body,
                             confidence=0.9))
            save_suggestion(session, letter.id, _suggestion(rng, loai_don, linh_vuc, name,
                                                            cccd, received))


def _suggestion(rng: random.Random, loai_don: str, linh_vuc: str, name: str, cccd: str,
                received: date) -> dict[str, object]:
    return {
        "loai_don": loai_don, "cac_noi_dung": [loai_don], "tham_quyen": "ubnd_tinh",
        "co_quan": "Chủ tịch UBND tỉnh", "xu_ly": "thu_ly", "linh_vuc": linh_vuc,
        "flags": {"to_giac_toi_pham": False, "tranh_chap": False, "nhieu_noi_dung": False,
                  "needs_transcription": False, "duplicate_of": None},
        "confidence": {"loai_don": round(rng.uniform(0.4, 1.0), 3), "tham_quyen": 0.8,
                       "xu_ly": 0.8, "ocr": 0.9},
        "abstain": False,
        "fields": {"nguoi_viet": name, "danh_tinh": "co_ten", "so_nguoi_ky": 1,
                   "nguoi_dai_dien": [], "ngay_viet": None, "ngay_nhan": received.isoformat(),
                   "dia_chi": None, "tinh": "Cần Thơ", "cccd": [cccd], "dien_thoai": [],
                   "kinh_gui": ["Chủ tịch UBND tỉnh"], "quyet_dinh": [], "lan_khieu_nai": None},
        "deadlines": {"xu_ly_don": (received + timedelta(days=14)).isoformat()},
        "reasons": ["(benchmark)"], "model_version": "benchmark",
    }


@dataclass
class Run:
    queue_ms: list[float] = field(default_factory=list)
    review_ms: list[float] = field(default_factory=list)
    queue_status: Counter[int] = field(default_factory=Counter)
    review_status: Counter[int] = field(default_factory=Counter)
    seconds: float = 0.0


async def client_loop(base: str, token: str, rng: random.Random, until: float,
                      run: Run) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as client:
        while time.monotonic() < until:
            started = time.perf_counter()
            queue = await client.get("/api/review-queue", params={"limit": 50})
            run.queue_ms.append((time.perf_counter() - started) * 1000)
            run.queue_status[queue.status_code] += 1
            items = queue.json()["items"] if queue.status_code == 200 else []
            if not items:
                return
            item = rng.choice(items)
            decision = {"loai_don": item["loai_don"], "tham_quyen": item["tham_quyen"],
                        "xu_ly": item["xu_ly"], "linh_vuc": item["linh_vuc"]}
            started = time.perf_counter()
            review = await client.post(f"/api/letters/{item['id']}/review",
                                       json={"version": item["version"], "decision": decision})
            run.review_ms.append((time.perf_counter() - started) * 1000)
            run.review_status[review.status_code] += 1


async def drive(base: str, tokens: list[str], clients: int, seconds: float, seed: int) -> Run:
    run = Run()
    rng = random.Random(seed)
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(*(client_loop(base, tokens[i % len(tokens)],
                                       random.Random(rng.random()), until, run)
                           for i in range(clients)))
    run.seconds = time.monotonic() - started
    return run


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def start_server(settings: Settings, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DONTHU_ENV": "test", "DONTHU_DATA_DIR": str(settings.data_dir),
           "DONTHU_DATABASE_URL": settings.database_url,
           "DONTHU_DATABASE_SCHEMA": settings.database_schema,
           "DONTHU_SECRET_KEY": settings.secret_key}
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--port",
                                   str(port), "--workers", "1"], env=env, stdout=out,
                                  stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit(f"the server did not start; see {log}")


def login_all(base: str) -> list[str]:
    tokens = []
    for officer in range(OFFICERS):
        response = httpx.post(f"{base}/api/token", timeout=30,
                              data={"username": f"officer{officer}", "password": PASSWORD})
        response.raise_for_status()
        tokens.append(response.json()["access_token"])
    return tokens


def row(name: str, run: Run) -> str:
    server_errors = sum(n for status, n in (run.queue_status + run.review_status).items()
                        if status >= 500)
    requests = len(run.queue_ms) + len(run.review_ms)
    return (f"| {name} | {len(run.queue_ms)} | {percentile(run.queue_ms, 0.5):.0f} | "
            f"{percentile(run.queue_ms, 0.95):.0f} | {len(run.review_ms)} | "
            f"{percentile(run.review_ms, 0.5):.0f} | {percentile(run.review_ms, 0.95):.0f} | "
            f"{run.review_status[200]} / {run.review_status[409]} | "
            f"{requests / run.seconds:.1f} | {server_errors} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get(
        "DONTHU_TEST_POSTGRES_URL", "postgresql+pg8000://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--letters", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()

    schema = f"donthu_bench_{os.getpid()}"
    work = Path(tempfile.mkdtemp(prefix="donthu-bench-"))
    settings = Settings(env="test", data_dir=work / "var", database_url=args.url,
                        database_schema=schema, secret_key="bench-" + secrets.token_hex(16))
    migrate(args.url, schema=schema)
    server = None
    try:
        seeding = time.perf_counter()
        seed_letters(settings, args.letters, args.seed)
        print(f"seeded {args.letters} letters in {time.perf_counter() - seeding:.1f} s")
        server, base = start_server(settings, work / "serve.log")
        tokens = login_all(base)
        baseline = asyncio.run(drive(base, tokens, 1, args.seconds / 3, args.seed))
        print("baseline (1 client):", row("1", baseline))
        loaded = asyncio.run(drive(base, tokens, args.clients, args.seconds, args.seed + 1))
        print(f"{args.clients} clients:", row(str(args.clients), loaded))
        write_results(args, baseline, loaded)
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        engine = make_engine(args.url)
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


def write_results(args: argparse.Namespace, baseline: Run, loaded: Run) -> None:
    queue_ratio = percentile(loaded.queue_ms, 0.95) / percentile(baseline.queue_ms, 0.95)
    review_ratio = percentile(loaded.review_ms, 0.95) / percentile(baseline.review_ms, 0.95)
    lines = [
        "# Review API under load (PostgreSQL)",
        "",
        f"Command: `.venv/bin/python benchmarks/service/run.py --clients {args.clients} "
        f"--seconds {args.seconds:g} --letters {args.letters}`",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores (shared with other work while measured); one `donthu serve` "
        "process (uvicorn, sync routes on its thread pool, 1 pool worker idling), PostgreSQL "
        "on the same machine; clients are asyncio httpx tasks in another process.",
        "",
        "Each client loops: `GET /api/review-queue?limit=50`, then `POST /api/letters/{id}/"
        "review` for a random letter of that page with the version it read. Two clients "
        "picking the same letter is expected: one gets 200, the other 409 (optimistic "
        "locking), and both are counted as served requests.",
        "",
        "| clients | queue reads | queue p50 ms | queue p95 ms | reviews | review p50 ms | "
        "review p95 ms | confirmed / 409 | requests/s | 5xx |",
        "|---|---|---|---|---|---|---|---|---|---|",
        row("1 (baseline)", baseline),
        row(str(args.clients), loaded),
        "",
        f"p95 at {args.clients} clients against the 1-client baseline: review queue "
        f"×{queue_ratio:.1f}, review ×{review_ratio:.1f}.",
        "",
        f"Median latencies over all requests: queue {statistics.median(loaded.queue_ms):.0f} "
        f"ms, review {statistics.median(loaded.review_ms):.0f} ms.",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
