"""The apps are layered: each may use the ones below it, and never names one above it.

Not in an import, and not in a string either: a model label ("questions.Question"), a
URL name ("search:search"), a template path ("questions/ask.html") or a dotted path
would tie a lower app to an upper one as surely as an import. Migrations are history
and are not checked (an old migration names the app its model has moved to).
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Lowest first. The project package, config, sits on top and wires the apps together.
LAYERS = [
    "core",
    "clinic",
    "exercises",
    "education",
    "questions",
    "programs",
    "search",
    "config",
]


def below(app):
    return set(LAYERS[: LAYERS.index(app)])


def above(app):
    return set(LAYERS[LAYERS.index(app) + 1 :])


def app_files(app, suffixes):
    for path in (ROOT / app).rglob("*"):
        if path.suffix in suffixes and "migrations" not in path.parts:
            yield path


def imported_apps(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in LAYERS:
                yield top


def strings(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def names_of(apps):
    """'questions.Question', 'questions:ask', 'questions/ask.html', 'questions_question'."""
    return re.compile(rf"\b({'|'.join(sorted(apps))})[.:/_][A-Za-z]")


def test_every_app_is_in_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(LAYERS)


@pytest.mark.parametrize("app", LAYERS)
def test_apps_import_only_the_layers_below_them(app):
    wrong = sorted(
        f"{path.relative_to(ROOT)} imports {other}"
        for path in app_files(app, {".py"})
        for other in imported_apps(ast.parse(path.read_text()))
        if other != app and other not in below(app)
    )
    assert wrong == []


@pytest.mark.parametrize("app", LAYERS[:-1])
def test_apps_never_name_an_upper_app_in_a_string_or_a_template(app):
    pattern = names_of(above(app))
    wrong = sorted(
        f"{path.relative_to(ROOT)}: {match.group(0)!r}"
        for path in app_files(app, {".py"})
        for text in strings(ast.parse(path.read_text()))
        for match in pattern.finditer(text)
    )
    wrong += sorted(
        f"{path.relative_to(ROOT)}: {match.group(0)!r}"
        for path in app_files(app, {".html", ".txt"})
        for match in pattern.finditer(path.read_text())
    )
    assert wrong == []


def test_the_check_finds_an_upper_app_named_in_a_string():
    # The pattern the test above relies on, held against what it must and must not catch.
    pattern = names_of({"questions", "search"})
    caught = ["questions.Question", "questions:ask", "questions/ask.html", "search:search"]
    missed = ["related_questions", "Questions people asked", "research.", "questions-heading"]
    assert all(pattern.search(text) for text in caught)
    assert not any(pattern.search(text) for text in missed)
