"""Internal links are reversed from their URL names ({% url %}, reverse(), or the
`links` the top of the project passes to every template), never written by hand: a
page that moves moves its links with it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
# An attribute whose value starts with a literal path of the site ("/ask/", "/book/?…").
LITERAL = re.compile(r"""\b(?:href|action|src|data-url)=["']/(?!/)""")
# A text email's link: the site's address followed by a literal path.
LITERAL_IN_EMAIL = re.compile(r"\{\{ *site_url *\}\}/")


def test_no_template_writes_an_internal_address_by_hand():
    found = []
    for folder in TEMPLATE_DIRS:
        for template in folder.rglob("*"):
            if template.suffix not in {".html", ".txt", ".xml"}:
                continue
            for number, line in enumerate(template.read_text().splitlines(), start=1):
                if LITERAL.search(line) or LITERAL_IN_EMAIL.search(line):
                    found.append(f"{template.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert found == []


def test_every_named_link_in_a_template_exists():
    """`{{ links.boook }}` would render an empty address, silently."""
    from core.links import site_links

    used = set()
    for folder in TEMPLATE_DIRS:
        for template in folder.rglob("*"):
            if template.suffix in {".html", ".txt", ".xml"}:
                used |= set(re.findall(r"\blinks\.(\w+)", template.read_text()))
    assert used and used <= set(site_links())
