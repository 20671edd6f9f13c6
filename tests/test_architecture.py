"""The package boundaries of DESIGN.md and STYLE.md, checked by walking the imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# third-party library → the only modules allowed to import it
HOMES = {
    "pytesseract": {"ocr/engine.py"},
    "cv2": {"ocr/preprocess.py"},
    "pdfplumber": {"ocr/pdf.py"},
    "pypdfium2": {"ocr/pdf.py"},
    "pdfminer": {"ocr/pdf.py"},
    "sklearn": {"classifier/model.py", "classifier/features.py", "classifier/evaluation.py",
                "classifier/artifact.py"},
    "vietnamadminunits": {"classifier/extract/places.py"},
    "holidays": {"classifier/deadlines.py"},
    "datasketch": {"classifier/duplicates.py"},
    "argon2": {"service/security.py"},
    "jwt": {"service/security.py"},
    "celery": {"service/celery_app.py"},
    "kombu": {"service/celery_app.py"},
    "redis": set(),  # only through Celery's broker transport
}
FORBIDDEN = {"ocr": {"classifier", "service"}, "classifier": {"ocr", "service"}}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_libraries_do_not_import_each_other_or_the_service(package: str) -> None:
    for module in _modules(package):
        leaked = _imports(module) & FORBIDDEN[package]
        assert not leaked, f"{module.relative_to(ROOT)} imports {leaked}"


def test_each_third_party_library_has_one_home() -> None:
    for package in ("ocr", "classifier", "service"):
        for module in _modules(package):
            relative = str(module.relative_to(ROOT))
            for library in _imports(module) & HOMES.keys():
                assert relative in HOMES[library], f"{relative} imports {library}"


@pytest.mark.parametrize("package", ["ocr", "classifier"])
def test_libraries_never_read_the_environment(package: str) -> None:
    for module in _modules(package):
        source = module.read_text(encoding="utf-8")
        for needle in ("os.getenv", "environ.get(", "environ["):
            assert needle not in source, f"{module.relative_to(ROOT)} reads the environment"
