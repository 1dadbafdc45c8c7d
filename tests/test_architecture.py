"""Imports between the apps go one way: clinic <- exercises <- education."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Each app may import only the apps listed for it.
ALLOWED = {
    "clinic": set(),
    "exercises": {"clinic"},
    "education": {"clinic", "exercises"},
}


def imported_apps(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in ALLOWED:
                yield top


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_apps_import_only_the_layers_below_them(app):
    wrong = sorted(
        f"{path.relative_to(ROOT)} imports {other}"
        for path in (ROOT / app).rglob("*.py")
        for other in imported_apps(path)
        if other != app and other not in ALLOWED[app]
    )
    assert wrong == []
