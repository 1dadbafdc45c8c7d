"""Screenshots of every public page type at 390, 768, 1366 and 1920 px, into screenshots/.

Starts the site itself (gunicorn, DEBUG off, a throwaway SQLite database with the demo
content) and drives Debian's Chromium with the same quiet flags as the browser tests.
With `--brand second`, the site first gets another clinic's brand in its settings (a
different logo and colours, as staff would set them in the admin). Each page is also
checked with axe and for sideways scrolling at 320 px; the problems are printed, and
the exit code is 1 if there are any.

    python scripts/screenshots.py [--out screenshots] [--brand demo|second]

"""

import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser.conftest import QUIET_FLAGS, axe_violations  # noqa: E402

WIDTHS = [390, 768, 1366, 1920]

# Another clinic's brand, set as staff would set it (SiteBrand, "Site settings" in the
# admin): a raster logo through the image pipeline, and colours that pass the contrast check.
SECOND_BRAND = """
import io
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw
from core.models import SiteBrand
logo = Image.new("RGB", (480, 120), "white")
draw = ImageDraw.Draw(logo)
draw.ellipse((8, 8, 112, 112), fill="#6a1b4d")
draw.rectangle((140, 40, 460, 80), fill="#6a1b4d")
data = io.BytesIO()
logo.save(data, "PNG")
brand = SiteBrand.get_solo()
brand.logo = ContentFile(data.getvalue(), name="second-clinic.png")  # as an upload is
brand.logo_alt = "Lakeside Movement Clinic"
brand.brand_color = "#6a1b4d"
brand.accent_color = "#8a4b00"
brand.tagline = "Physical therapy by the lake"
brand.full_clean()
brand.save()
"""


def send_empty(page):
    with page.expect_navigation():
        page.locator("form [type=submit]").last.click()


def ask_a_question(page):
    page.get_by_label("Your first name").fill("Pat")
    page.get_by_label("Your email").fill("pat@example.com")
    page.get_by_label("Your question").fill("My knee hurts on the stairs. What can I do?")
    page.locator("#id_not_an_emergency").check()
    time.sleep(3.2)  # the form refuses what is sent faster than a person types
    with page.expect_navigation():
        page.get_by_role("button", name="Send my question").click()


# (file name, path, what a patient does there before the picture)
PAGE_TYPES = [
    ("home", "/", None),
    ("article-list", "/articles/", None),
    ("article-detail", "/articles/knock-knees/", None),
    ("exercise-list", "/exercises/", None),
    ("exercise-detail", "/exercises/hip-hike/", None),
    ("exercise-print", "/exercises/hip-hike/print/", None),
    ("ask-form-with-errors", "/ask/", send_empty),
    ("ask-thanks", "/ask/", ask_a_question),
    ("question-list", "/questions/", None),
    ("question-detail", "{question}", None),
    ("clinic-list", "/clinics/", None),
    ("clinic-detail", "/clinics/riverside/", None),
    ("booking-form-with-errors", "/book/?from=/articles/knock-knees/", send_empty),
    ("booking-thanks", "/book/thanks/?clinic=riverside", None),
    ("not-found", "/no-such-page/", None),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chromium():
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium")  # None: Playwright's own download


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--brand", choices=["demo", "second"], default="demo")
    args = parser.parse_args()
    out = Path(args.out) / args.brand
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
        env.update(
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="0",
            DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3",
            MEDIA_ROOT=f"{tmp}/media",
            LOG_LEVEL="WARNING",
        )
        python = sys.executable
        commands = [["migrate", "--noinput"], ["seed_demo", "--no-users"],
                    ["collectstatic", "--noinput", "--verbosity", "0"]]  # fmt: skip
        if args.brand == "second":
            commands.append(["shell", "-c", SECOND_BRAND])
        for command in commands:
            subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True,
                           capture_output=True)  # fmt: skip
        question = subprocess.run(
            [python, "manage.py", "shell", "-c",
             "from questions.models import Question;"
             "print(Question.objects.published().first().get_absolute_url())"],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]  # fmt: skip
        port = free_port()
        server = subprocess.Popen(
            [python, "-m", "gunicorn", "config.wsgi", "--workers", "1", "--threads", "4",
             "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.2)
            pages = [*PAGE_TYPES, ("search-results", "/search/?q=kneecap+pain", None)]
            problems = shoot(base, out, question, pages)
        finally:
            server.terminate()
            server.wait(timeout=20)
    for problem in problems:
        print("PROBLEM", problem)
    print(f"{len(problems)} problems (axe at {WIDTHS} px, sideways scrolling at 320 px)")
    sys.exit(1 if problems else 0)


def shoot(base, out, question, pages):
    """Screenshots at each width; returns the problems found (axe, sideways scrolling)."""
    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=QUIET_FLAGS)
        for width in [*WIDTHS, 320]:
            folder = out / f"{width}px"
            folder.mkdir(parents=True, exist_ok=True)
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for name, path, action in pages:
                page.goto(base + path.format(question=question))
                if action:
                    action(page)
                page.wait_for_load_state("networkidle")
                wide = page.evaluate("document.documentElement.scrollWidth")
                if wide > width:
                    problems.append(f"{name} at {width}px scrolls sideways ({wide}px)")
                if width == 320:
                    continue  # the reflow check only
                problems += [f"{name} at {width}px: {v}" for v in axe_violations(page)]
                target = folder / f"{name}.png"
                page.screenshot(path=target, full_page=True)
                print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
            context.close()
        browser.close()
    return problems


if __name__ == "__main__":
    main()
