"""The `donthu` command line: one entry point for every job."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy.exc import SQLAlchemyError

import classifier
import ocr
from service import db, reports, users
from service.errors import ServiceError
from service.processing import process_file
from service.settings import get_settings

app = typer.Typer(help="donthu: đơn thư scans → reviewed case records.", no_args_is_help=True,
                  pretty_exceptions_enable=False)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """Library errors become one line on stderr and exit code 2, never a traceback."""
    try:
        yield
    except (ocr.OcrError, classifier.ClassifierError, ServiceError, OSError, ValueError,
            SQLAlchemyError) as e:
        typer.echo(f"donthu: {e}", err=True)
        raise typer.Exit(2) from e


@app.command("ocr")
def ocr_command(path: Path, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Print the text of a scan (JSON: pages with text and confidence)."""
    with _one_line_errors():
        letter = ocr.read(path, get_settings().ocr_config())
    if as_json:
        _print_json({"pages": [
            {"number": p.number, "text": p.text, "confidence": round(p.confidence / 100, 3),
             "source": p.source, "needs_transcription": p.needs_transcription}
            for p in letter.pages]})
    else:
        sys.stdout.write(letter.text + "\n")


@app.command()
def classify(
    path: Annotated[str, typer.Argument(help="a text file, or - for standard input")] = "-",
    as_json: Annotated[bool, typer.Option("--json")] = False,
    jsonl: Annotated[Path | None, typer.Option("--jsonl", help="bulk: {id, text} per line")] = None,
) -> None:
    """Suggest labels for a letter's text."""
    config = get_settings().classifier_config()
    with _one_line_errors():
        model = classifier.load_model(config.model_path)
        if jsonl is not None:
            with jsonl.open(encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    if not line.strip():
                        continue
                    item = json.loads(line)
                    if "text" not in item:
                        raise ValueError(f"{jsonl}:{number}: no 'text' key")
                    result = classifier.suggest(str(item["text"]), config=config, model=model)
                    out = {"id": item.get("id"), **result.to_dict()}
                    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            return
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        if not text.strip():
            raise ValueError("the letter's text is empty")
        suggestion = classifier.suggest(text, config=config, model=model, ngay_nhan=date.today())
    if as_json:
        _print_json(suggestion.to_dict())
    else:
        reports.print_suggestion(suggestion.to_dict())


@app.command()
def process(path: Path, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """OCR then classify one scan; a stack gives one suggestion per letter."""
    with _one_line_errors():
        results = process_file(path, get_settings())
    if as_json:
        items = [r.to_dict() for r in results]
        _print_json(items[0] if len(items) == 1 else items)
        return
    for result in results:
        reports.print_suggestion(result.to_dict())


@app.command()
def batch(
    folder: Annotated[Path, typer.Argument(help="the folder of scans (searched recursively)")],
    out: Annotated[Path | None, typer.Option(
        "--out", help="the JSON-lines output; a rerun resumes from it")] = None,
    workers: Annotated[int, typer.Option(help="worker processes; 0: one per core")] = 0,
    retry_failed: Annotated[bool, typer.Option(help="read again files that failed before")
                            ] = False,
    into_db: Annotated[bool, typer.Option(
        "--into-db", help="into the review queue (the database) instead of --out")] = False,
    celery: Annotated[bool, typer.Option(
        "--celery", help="store, then queue for `donthu worker`s instead of reading here")
                      ] = False,
) -> None:
    """A backlog of scans: one JSON line per letter, resumable, failures reported per file."""
    from rich.console import Console

    from service import batch_view
    from service.batch import enqueue_batch, run_batch

    if out is None and not (into_db or celery):
        typer.echo("donthu: give --out OUT.jsonl, or --into-db, or --celery", err=True)
        raise typer.Exit(2)
    if retry_failed and (into_db or celery):
        typer.echo("donthu: --retry-failed is for --out; letters that failed in the database "
                   "are retried from the review pages or POST /api/letters/{id}/retry", err=True)
        raise typer.Exit(2)
    view = batch_view.ProgressBar(Console(stderr=True))
    try:
        with _one_line_errors():
            if celery:
                summary = enqueue_batch(folder, get_settings(), observer=view)
            else:
                summary = run_batch(folder, None if into_db else out, get_settings(),
                                    workers=workers, retry_failed=retry_failed,
                                    into_db=into_db, observer=view)
    finally:
        view.stop()
    for line in batch_view.summary_lines(summary, out=None if into_db or celery else str(out)):
        typer.echo(line)
    for line in batch_view.failure_lines(summary):
        typer.echo(f"donthu: {line}", err=True)
    if summary.interrupted:
        raise typer.Exit(130)
    if not summary.ok:
        raise typer.Exit(1)


@app.command()
def worker(
    concurrency: Annotated[int, typer.Option(help="letters at a time; 0: one per core")] = 0,
    pool: Annotated[str, typer.Option(help="Celery pool: prefork or solo")] = "prefork",
    sweep_seconds: Annotated[float, typer.Option(
        help="how often to re-queue letters the broker lost (0: never)")] = 60.0,
    loglevel: Annotated[str, typer.Option(help="Celery log level")] = "INFO",
) -> None:
    """A Celery worker on any machine pointed at the same Redis (DONTHU_REDIS_URL) and database."""
    from service.celery_app import run_worker

    if pool not in {"prefork", "solo"}:
        typer.echo("donthu: --pool must be prefork or solo", err=True)
        raise typer.Exit(2)
    run_worker(get_settings(), concurrency=concurrency, pool=pool,
               sweep_seconds=sweep_seconds, loglevel=loglevel)


@app.command()
def train(force: Annotated[bool, typer.Option(help="retrain even if nothing changed")] = False
          ) -> None:
    """Rebuild the model from training_data/ (plus confirmed corrections)."""
    settings = get_settings()
    files = reports.training_files(settings)
    with _one_line_errors():
        result = classifier.train(files, settings.model_path, force=force)
    typer.echo(f"{result.message}: {result.model_path} (version {result.version}, "
               f"{result.train_letters} training letters, {result.seconds:.1f} s)")


@app.command()
def evaluate(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Per-class precision/recall/F1 and confusion matrices on the held-out split."""
    settings = get_settings()
    with _one_line_errors():
        report = reports.evaluation_report(settings)
    if as_json:
        _print_json(report)
    else:
        reports.print_evaluation(report)


@app.command()
def migrate() -> None:
    """Create or upgrade the database tables (Alembic upgrade head)."""
    settings = get_settings()
    with _one_line_errors():
        db.migrate(settings.effective_database_url(), schema=settings.database_schema)
    typer.echo("database is up to date")


@app.command()
def serve(host: str = "127.0.0.1", port: int = 8000,
          workers: Annotated[int | None, typer.Option(
              help="letters processed at once (default DONTHU_WORKERS, else one per core)")
          ] = None) -> None:
    """The API and review pages, with the local worker pool (SQLite by default)."""
    import uvicorn

    from service.api import create_app

    settings = get_settings()
    with _one_line_errors():
        db.migrate(settings.effective_database_url(), schema=settings.database_schema)
        application = create_app(settings, pool_workers=workers or settings.worker_count())
    uvicorn.run(application, host=host, port=port)


users_app = typer.Typer(help="Accounts of clerks, officers, supervisors and admins.",
                        no_args_is_help=True)
app.add_typer(users_app, name="users")


@users_app.command("add")
def users_add(name: str,
              role: Annotated[str, typer.Option(help="clerk|officer|supervisor|admin")],
              password: Annotated[str, typer.Option(prompt=True, hide_input=True,
                                                    confirmation_prompt=True)]) -> None:
    """Create an account."""
    settings = get_settings()
    with _one_line_errors():
        db.migrate(settings.effective_database_url(), schema=settings.database_schema)
        with db.session_scope(settings) as session:
            user = users.add_user(session, name, role=role, password=password)
            typer.echo(f"user {user.username} ({user.role}) added")


if __name__ == "__main__":
    app()
