"""What the command line prints: suggestions and evaluation reports, with rich."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

import classifier
from classifier.corpus import load_jsonl, split
from service.settings import Settings

console = Console()


def training_files(settings: Settings) -> list[Path]:
    """The shipped corpus plus the corrections officers confirmed (when exported)."""
    files = [settings.training_data_dir / "corpus.jsonl"]
    corrections = settings.data_dir / "corrections.jsonl"
    if corrections.exists():
        files.append(corrections)
    return [f for f in files if f.exists()]


def evaluation_report(settings: Settings) -> dict[str, Any]:
    model = classifier.load_model_file(settings.model_path)
    records = load_jsonl(settings.training_data_dir / "corpus.jsonl")
    _, test = split(records)
    report = classifier.evaluate(model, test)
    report["scores"] = [asdict(s) for s in report["scores"]]
    fields = classifier.evaluate_suggestions(model, test, settings.classifier_config())
    report["fields"] = [{"field": s.name, "accuracy": s.accuracy, "letters": s.total,
                         "target": s.target, "met": s.met} for s in fields]
    report["model_version"] = model.metadata.get("version")
    report["test_letters"] = len(test)
    return report


def print_evaluation(report: dict[str, Any]) -> None:
    console.print(f"Model {report['model_version']} — {report['test_letters']} held-out letters")
    table = Table("set", "letters", "accuracy", "macro-F1", *[
        f"{c} P/R/F1" for c in ("khieu_nai", "to_cao", "kien_nghi_phan_anh")])
    for s in report["scores"]:
        cells = [f"{v['precision']:.2f}/{v['recall']:.2f}/{v['f1']:.2f}"
                 for v in s["per_class"].values()]
        table.add_row(s["name"], str(s["letters"]), f"{s['accuracy']:.3f}",
                      f"{s['macro_f1']:.3f}", *cells)
    console.print(table)
    for s in report["scores"]:
        if s["name"] in ("held-out", "held-out, OCR noise"):
            console.print(f"confusion ({s['name']}; rows truth, columns predicted: "
                          f"khieu_nai, to_cao, kien_nghi_phan_anh): {s['confusion']}")
    console.print("other heads (accuracy): " + ", ".join(
        f"{k} {v:.3f}" for k, v in report["heads"].items()))
    curve = Table("threshold", "coverage", "accuracy", title="abstain threshold")
    for point in report["coverage"]:
        curve.add_row(f"{point['threshold']:.2f}", f"{point['coverage']:.3f}",
                      f"{point['accuracy']:.3f}")
    console.print(curve)
    best = report["coverage_at_99"]
    console.print(f"at threshold {best['threshold']:.3f} the held-out accuracy is "
                  f"{best['accuracy']:.1%} on the {best['coverage']:.1%} of letters decided")
    a = report["abstain"]
    console.print(f"stored threshold {a['threshold']:.3f}: decides {a['coverage']:.1%} of the "
                  f"held-out letters at {a['accuracy']:.1%} accuracy")
    if report.get("fields"):
        table = Table("field", "exact match / accuracy", "target", "met",
                      title="fields and routing (held-out, full suggestion)")
        for row in report["fields"]:
            target = "—" if row["target"] is None else f"≥ {row['target']:.2f}"
            met = "—" if row["met"] is None else ("yes" if row["met"] else "[bold red]NO[/]")
            table.add_row(row["field"], f"{row['accuracy']:.3f}", target, met)
        console.print(table)


def print_suggestion(data: dict[str, Any]) -> None:
    fields = data["fields"]
    table = Table(show_header=False, box=None)
    table.add_row("Loại đơn", f"{data['loai_don']} ({data['confidence']['loai_don']:.0%})"
                  + ("  [bold yellow]chưa chắc chắn[/]" if data["abstain"] else ""))
    table.add_row("Nội dung", ", ".join(data["cac_noi_dung"]))
    table.add_row("Thẩm quyền", f"{data['tham_quyen']} {data['co_quan'] or ''}")
    table.add_row("Xử lý", data["xu_ly"])
    table.add_row("Lĩnh vực", data["linh_vuc"])
    table.add_row("Người viết", str(fields.get("nguoi_viet")))
    table.add_row("Ngày viết", str(fields.get("ngay_viet")))
    table.add_row("Hạn xử lý", str(data["deadlines"].get("xu_ly_don")))
    if "pages" in data:
        table.add_row("Trang", f"{data['pages']['first']}–{data['pages']['last']}")
    console.print(table)
    for reason in data["reasons"]:
        console.print(f"  • {reason}")
