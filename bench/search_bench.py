"""Search benchmark (not a test): 10,000 articles, 2,000 exercises, 10,000 questions, 200 searches.

Run against a THROWAWAY database; it is emptied first:

    DEBUG=1 DATABASE_URL=sqlite:////tmp/search-bench.sqlite3 .venv/bin/python bench/search_bench.py  # a new file
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_bench .venv/bin/python bench/search_bench.py

(`make bench` runs the first; set BENCH_DATABASE_URL for the second.) Loading uses
bulk_create and one index rebuild. The searches go through search.engine.search(),
the interface the view uses, including the snippets; the times printed are per search.
Targets on the development machine: 95th percentile under 100 ms on SQLite and under
50 ms on PostgreSQL; the suggestions while a patient types (/search/suggest/) under 30 ms.
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from clinic.demo import seed_regions  # noqa: E402
from clinic.models import BodyRegion, Therapist  # noqa: E402
from education.models import Article  # noqa: E402
from questions.models import Question  # noqa: E402
from search.assist import before_you_ask  # noqa: E402
from search.demo import seed as seed_synonyms  # noqa: E402
from search.engine import search  # noqa: E402
from search.indexing import rebuild_index  # noqa: E402

ARTICLES, EXERCISES, QUESTIONS, SEARCHES = 10_000, 2_000, 10_000, 200

# Words of the trade and everyday words; drawn with a skew so some are very common.
WORDS = """knee hip ankle foot heel back neck shoulder elbow wrist pain ache stiff sore swelling
kneecap patella tendon ligament muscle joint bone cartilage arch calf thigh shin glute hamstring
quadriceps running walking stairs squat lunge bridge plank stretch strength balance posture
sitting standing sleeping morning evening weeks months exercise therapy physical therapist
patellofemoral iliotibial plantar fasciitis tendinopathy bursitis sprain strain arthritis
osteoarthritis sciatica disc nerve numbness tingling weakness stability mobility flexibility
hike march raise curl clamshell band resistance weight load rest ice heat tape brace shoe
insole orthotic surgery injection doctor clinic visit plan home program daily slowly gently
often usually sometimes common serious better worse improve heal recover return sport
runner walker dancer worker lifting carrying climbing jumping landing turning twisting""".split()  # noqa: SIM905
COMMON = "the a and of to in is it you your for with on this that can be when or at".split()  # noqa: SIM905
QUERIES = [
    "knee pain",
    "knock knees",
    "kneecap pain",
    "runners knee",
    "runner's knee",
    "hip hikes",
    "heel pain in the morning",
    "IT band",
    "plantar fasciitis",
    "lower back stiff",
    "shoulder weakness",
    "ankle sprain exercise",
    "pain",
    "exercise",
    "PFPS",
    "genu valgum",
    "clamshell",
    "stairs squat knee ache",
    "kneecapp",
    "qwzxv blorp",
    '"NEAR" OR *',
    "how long until my tendon heals",
    "physical therapist visit plan",
    "stretch",
    "exercises for knock knees",
    "hip exercises",
    "stretches for heel pain",
    "nock knees",
    "patelofemoral",
]
# Questions as patients type them on /ask/, for "These answers may help".
QUESTION_TEXTS = [
    "My knees turn in when I go down the stairs and the front of my knee aches",
    "I started running again and the outside of my knee hurts after two miles",
    "My heel hurts a lot for the first few steps each morning, should I stop running?",
    "Is it normal that my hip drops on one side when I walk?",
    "My lower back is stiff every morning and gets better after a walk",
]


class Writer:
    """Fake patient-education text: each page has a topic of a few clinical words, and the
    rest is everyday words (made-up ones here) with a Zipf-like spread, as in real text."""

    SYLLABLES = "ba be bi bo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to va ve vi vo".split()  # noqa: SIM905

    def __init__(self, rng):
        self.rng = rng
        filler = {
            "".join(rng.choice(self.SYLLABLES) for _ in range(rng.randint(2, 4)))
            for _ in range(6000)
        }
        self.filler = sorted(filler)
        rng.shuffle(self.filler)
        weights = [1 / (rank + 1) for rank in range(len(self.filler))]
        total, running, self.cumulative = sum(weights), 0.0, []
        for weight in weights:
            running += weight / total
            self.cumulative.append(running)
        self.topic = WORDS[:4]

    def new_topic(self):
        self.topic = self.rng.sample(WORDS, 4)

    def word(self):
        pick = self.rng.random()
        if pick < 0.25:
            return self.rng.choice(COMMON)
        if pick < 0.40:
            return self.rng.choice(self.topic)
        if pick < 0.45:
            return self.rng.choice(WORDS)
        return self.rng.choices(self.filler, cum_weights=self.cumulative)[0]

    def title(self, length):
        """The first text of a new page: picks the page's topic."""
        self.new_topic()
        return self.sentence(length)

    def sentence(self, length):
        return " ".join(self.word() for _ in range(length)).capitalize() + "."

    def paragraph(self, sentences):
        return " ".join(self.sentence(self.rng.randint(6, 16)) for _ in range(sentences))


def check_throwaway_database():
    name = str(connection.settings_dict["NAME"])
    if "bench" not in name and "--force" not in sys.argv:
        sys.exit(f"Refusing to empty {name!r}: use a database whose name contains 'bench'.")


@transaction.atomic
def load(rng, writer):
    call_command("flush", interactive=False, verbosity=0)
    seed_regions()
    seed_synonyms()
    regions = list(BodyRegion.objects.all())
    therapist = Therapist.objects.create(name="Bench Therapist", slug="bench")
    now = timezone.now()

    articles = [
        Article(
            slug=f"article-{i}",
            title=writer.title(rng.randint(3, 8))[:-1],
            summary=writer.sentence(20)[:290],
            what_it_is=writer.paragraph(4),
            symptoms=writer.paragraph(3),
            causes=writer.paragraph(3),
            treatment=writer.paragraph(4),
            author=therapist,
            reviewer=therapist,
            status=Article.Status.PUBLISHED if i % 10 else Article.Status.DRAFT,
            publish_at=now - timedelta(days=rng.randint(1, 900)),
            next_review_due=now.date() + timedelta(days=365),
        )
        for i in range(ARTICLES)
    ]
    Article.objects.bulk_create(articles, batch_size=1000)
    through = Article.regions.through
    through.objects.bulk_create(
        [through(article_id=a.pk, bodyregion_id=rng.choice(regions).pk) for a in articles],
        batch_size=2000,
    )

    questions = [
        Question(
            name="Bench Asker",
            email="asker@example.com",
            text=writer.paragraph(2),
            region=rng.choice(regions),
            may_publish=True,
            status=Question.Status.PUBLISHED,
            public_title=writer.title(rng.randint(6, 12))[:-1] + "?",
            public_text=writer.paragraph(2),
            things_to_know="\n".join(writer.sentence(8) for _ in range(3)),
            answer=writer.paragraph(6),
            slug=f"question-{i}",
            reference=f"B{i:07d}",
            published_at=now - timedelta(days=rng.randint(1, 900)),
        )
        for i in range(QUESTIONS)
    ]
    Question.objects.bulk_create(questions, batch_size=1000)

    from exercises.models import Exercise, ExerciseStep

    exercises = [
        Exercise(
            slug=f"exercise-{i}",
            name=writer.title(rng.randint(2, 4))[:-1],
            purpose=writer.sentence(14)[:250],
            precautions=writer.sentence(12),
            transcript=writer.paragraph(3),
            difficulty=rng.choice(["easy", "moderate", "hard"]),
            status=Exercise.Status.PUBLISHED,
        )
        for i in range(EXERCISES)
    ]
    Exercise.objects.bulk_create(exercises, batch_size=1000)
    ExerciseStep.objects.bulk_create(
        [
            ExerciseStep(exercise=exercise, order=n, text=writer.sentence(10))
            for exercise in exercises
            for n in range(1, 5)
        ],
        batch_size=2000,
    )
    through = Exercise.body_regions.through
    through.objects.bulk_create(
        [through(exercise_id=e.pk, bodyregion_id=rng.choice(regions).pk) for e in exercises],
        batch_size=2000,
    )

    started = time.perf_counter()
    counts = rebuild_index()
    return counts, time.perf_counter() - started


def main():
    check_throwaway_database()
    call_command("migrate", interactive=False, verbosity=0)
    rng = random.Random(7)  # noqa: S311 - repeatable fake text, not secrets
    started = time.perf_counter()
    counts, index_seconds = load(rng, Writer(rng))
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    print(
        f"Loaded in {time.perf_counter() - started:.1f} s (index built in {index_seconds:.1f} s):"
    )
    print("  " + ", ".join(f"{n} {kind}" for kind, n in counts.items()) + " documents")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE education_searchdocument")

    queries = [rng.choice(QUERIES) for _ in range(SEARCHES)]
    for text in QUERIES:  # warm up caches and connections
        search(text).results  # noqa: B018
    timings, modes = [], {}
    for i, text in enumerate(queries):
        began = time.perf_counter()
        results = search(text, page=2 if i % 10 == 0 else 1)
        _ = [(r.title, r.snippet) for r in results.results]
        timings.append((time.perf_counter() - began) * 1000)
        modes[results.mode] = modes.get(results.mode, 0) + 1
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"{SEARCHES} searches: median {statistics.median(timings):.1f} ms, "
        f"95th percentile {p95:.1f} ms, max {timings[-1]:.1f} ms"
    )
    print("  how they matched: " + ", ".join(f"{n} {mode}" for mode, n in sorted(modes.items())))

    # "These answers may help": what /search/suggest/ runs as a patient types a question.
    typed = [rng.choice(QUESTION_TEXTS) for _ in range(SEARCHES)]
    timings = []
    for text in typed:
        words = text.split()
        text = " ".join(words[: rng.randint(4, len(words))])  # part-way through typing
        began = time.perf_counter()
        before_you_ask(text)
        timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"{SEARCHES} suggestions while typing: median {statistics.median(timings):.1f} ms, "
        f"95th percentile {p95:.1f} ms, max {timings[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
