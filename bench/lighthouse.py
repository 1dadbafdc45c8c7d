"""`make lighthouse`: Lighthouse mobile scores of the article, exercise and question pages.

Serves the demo content (seed_demo, no staff accounts) from a throwaway SQLite file
under gunicorn with production settings, runs Lighthouse (installed by the Makefile
into .tools/) with Debian's Chromium, and prints the four scores (median of
LIGHTHOUSE_RUNS runs, default 3) and the bytes transferred on first load.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import RESULTS, ROOT, configure, start_gunicorn

PAGES = [
    "/articles/knock-knees/",
    "/exercises/hip-hike/",
    "/questions/why-do-my-knees-turn-in-and-hurt/",
    # The same pages in Spanish.
    "/es/articles/knock-knees/",
    "/es/exercises/hip-hike/",
    "/es/questions/why-do-my-knees-turn-in-and-hurt/",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run "
    '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"'
)


def lighthouse(url, attempts=3):
    """Lighthouse's report on `url`. Its trace recording now and then fails (NO_NAVSTART,
    "Please run Lighthouse again"): such a run is repeated, up to `attempts` in all."""
    output = Path(tempfile.mkstemp(suffix=".json", dir=RESULTS)[1])
    run = subprocess.run(  # noqa: S603
        [
            str(ROOT / ".tools/node_modules/.bin/lighthouse"),
            url,
            "--form-factor=mobile",
            f"--only-categories={','.join(CATEGORIES)}",
            "--disable-full-page-screenshot",
            "--output=json",
            f"--output-path={output}",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        check=False,
    )
    if run.returncode != 0:
        output.unlink()
        if attempts > 1:
            print(f"Lighthouse failed on {url}; running it again")
            return lighthouse(url, attempts - 1)
        run.check_returncode()
    report = json.loads(output.read_text())
    output.unlink()
    return report


def main():
    RESULTS.mkdir(exist_ok=True)
    for path in RESULTS.glob("lighthouse.sqlite3*"):
        path.unlink()
    env = configure(f"sqlite:///{RESULTS / 'lighthouse.sqlite3'}")
    from django.core.management import call_command

    from education.models import Article
    from exercises.models import Exercise
    from questions.models import Question

    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_demo", "--no-users", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    assert Article.objects.published().filter(slug="knock-knees").exists()
    assert Exercise.objects.published().filter(slug="hip-hike").exists()
    assert Question.objects.published().filter(slug=PAGES[2].split("/")[2]).exists()

    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
    process, base = start_gunicorn(env, "cached")
    rows = []
    try:
        for page in PAGES:
            reports = [lighthouse(base + page) for _ in range(runs)]
            scores = [
                round(100 * statistics.median(r["categories"][c]["score"] for r in reports))
                for c in CATEGORIES
            ]
            weight = statistics.median(
                r["audits"]["total-byte-weight"]["numericValue"] for r in reports
            )
            failing = sorted(
                {
                    audit_id
                    for r in reports
                    for audit_id, audit in r["audits"].items()
                    if audit.get("score") is not None
                    and audit["score"] < 0.9
                    and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
                }
            )
            rows.append((page, scores, weight, failing))
    finally:
        process.terminate()
        process.wait()

    print(f"\nLighthouse 12.2.3, mobile, median of {runs}")
    print(f"{'page':<46} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'KB':>6}")
    for page, scores, weight, failing in rows:
        print(f"{page:<46} " + " ".join(f"{s:>5}" for s in scores) + f" {weight / 1024:>6.1f}")
        if failing:
            print(f"    below 0.9: {', '.join(failing)}")


if __name__ == "__main__":
    main()
