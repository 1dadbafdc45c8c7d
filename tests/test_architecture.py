"""The apps are layered: each may use the ones below it, and never names one above it.

Not in an import, and not in a string either: a model label ("questions.Question", or
apps.get_model("questions", ...)), a URL name ("questions:ask"), a template path
("questions/ask.html") or a dotted path would tie a lower app to an upper one as surely
as an import. Migrations are history and are not checked (an old migration names the
app its model has moved to).

The site search sits low: each content app registers its own pages with it
(search.indexing.register, from its AppConfig.ready()), as Wagtail's models list their
search_fields, and the apps that use search import it.
"""

import ast
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.own_database  # the source files, no database


ROOT = Path(__file__).resolve().parents[1]
# Lowest first. The project package, config, sits on top and wires the apps together.
LAYERS = [
    "core",
    "clinic",
    "search",
    "exercises",
    "education",
    "questions",
    "programs",
    "portal",
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
    """The string constants, but a table's name (Meta.db_table): a model moved down from an
    upper app keeps its table, as nothing is renamed in a rolling upgrade (UPGRADING.md)."""
    table_names = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(target, ast.Name) and target.id == "db_table" for target in node.targets)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in table_names:
                yield node.value
        elif (
            # apps.get_model("questions", "Question"): the app's label on its own.
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("get_model", "get_app_config")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and "." not in node.args[0].value
        ):
            yield f"{node.args[0].value}.{node.func.attr}"


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
    # A model looked up by its app's label, and a table's name, which is not a dependency.
    code = """
class Meta:
    db_table = "questions_question"
Question = apps.get_model("questions", "Question")
"""
    found = [
        match.group(0) for text in strings(ast.parse(code)) for match in pattern.finditer(text)
    ]
    assert found == ["questions.g"]


def test_no_setting_of_our_own_names_app_code_for_an_app_to_import():
    # A dotted path in a setting, resolved with import_string, is an import this test
    # cannot see: an app imports what lies below it, or is handed it from the URLconf.
    # Django's and the libraries' own settings (MIDDLEWARE, RATELIMIT_VIEW) are not ours.
    from django.conf import global_settings

    tree = ast.parse((ROOT / "config" / "settings.py").read_text())
    app_code = re.compile(rf"^({'|'.join(LAYERS)})\.")
    naming_app_code = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
        and not hasattr(global_settings, target.id)
        and any(app_code.match(text) for text in strings(node.value))
    }
    read_by_apps = {
        name
        for app in LAYERS
        for path in app_files(app, {".py"})
        if path != ROOT / "config" / "settings.py"
        for name in re.findall(r"settings\.([A-Z][A-Z0-9_]*)", path.read_text())
    }
    assert sorted(naming_app_code & read_by_apps) == []
