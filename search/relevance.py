"""The relevance set: queries as patients type them, with the pages that should come first.

Written from the demo content (what each page is about), not from what the search
returned. Grades: 3 = the page a person asking this wants; 2 = very relevant; 1 = useful.
`evaluate()` runs every query through the site search and scores it:

- hit@3: the share of queries with a grade-3 page in the first three results;
- nDCG@5: the gain of the first five results (2^grade - 1, discounted by log2(rank + 1)),
  divided by the best possible gain, averaged over the queries.

`manage.py search_relevance` prints both, and the misses; the test suite runs it on
SQLite and PostgreSQL against the demo content.
"""

import math

A = "/articles/{}/".format
E = "/exercises/{}/".format
Q = "/questions/{}/".format

KNEES_TURN_IN = Q("why-do-my-knees-turn-in-and-hurt")
HEEL_QUESTION = Q("is-it-safe-to-run-with-heel-pain")
HIP_QUESTION = Q("my-hip-drops-when-i-walk")

KNOCK_KNEES_EXERCISES = {
    E("wall-sit"): 3,
    E("step-down"): 3,
    E("hip-hike"): 3,
    E("clamshell"): 3,
    E("runners-march"): 2,
    A("knock-knees"): 2,
}
RUNNERS_KNEE_EXERCISES = {
    E("wall-sit"): 3,
    E("step-down"): 3,
    E("hip-hike"): 3,
    E("glute-bridge"): 3,
    A("runners-knee"): 2,
}
HEEL_EXERCISES = {E("calf-raise"): 3, E("short-foot"): 3, A("heel-pain"): 2}
FLAT_FEET_EXERCISES = {
    E("short-foot"): 3,
    E("calf-raise"): 3,
    E("runners-march"): 3,
    A("flat-feet"): 2,
}
WEAK_HIP_EXERCISES = {
    E("clamshell"): 3,
    E("glute-bridge"): 3,
    E("hip-hike"): 3,
    E("side-lying-leg-raise"): 3,
    A("hip-weakness"): 2,
}

RELEVANCE_SET = [
    # A condition by its name and its other names.
    ("knock knees", {A("knock-knees"): 3, KNEES_TURN_IN: 2, A("runners-knee"): 1}),
    ("knock kneed", {A("knock-knees"): 3, KNEES_TURN_IN: 2}),
    ("genu valgum", {A("knock-knees"): 3, A("runners-knee"): 1}),
    ("knees turn in", {KNEES_TURN_IN: 3, A("knock-knees"): 3}),
    ("kneecap pain", {A("knock-knees"): 3, A("runners-knee"): 3, KNEES_TURN_IN: 2}),
    ("patellofemoral pain", {A("runners-knee"): 3, A("knock-knees"): 3}),
    ("patellofemoral pain syndrome", {A("runners-knee"): 3, A("knock-knees"): 2}),
    ("PFPS", {A("runners-knee"): 3, A("knock-knees"): 2}),
    ("runners knee", {A("runners-knee"): 3, A("knock-knees"): 1}),
    ("runner's knee", {A("runners-knee"): 3, A("knock-knees"): 1}),
    ("plantar fasciitis", {A("heel-pain"): 3, HEEL_QUESTION: 2}),
    ("heel pain", {A("heel-pain"): 3, HEEL_QUESTION: 3}),
    ("heel pain in the morning", {A("heel-pain"): 3, HEEL_QUESTION: 3}),
    ("flat feet", {A("flat-feet"): 3, E("short-foot"): 1}),
    ("fallen arches", {A("flat-feet"): 3}),
    ("pes planus", {A("flat-feet"): 3}),
    ("overpronation", {A("flat-feet"): 3}),
    ("feet that roll in", {A("flat-feet"): 3}),
    ("IT band", {A("it-band-pain"): 3}),
    ("iliotibial band syndrome", {A("it-band-pain"): 3}),
    ("ITBS", {A("it-band-pain"): 3}),
    ("pain on the outside of the knee", {A("it-band-pain"): 3}),
    ("weak hips", {A("hip-weakness"): 3, HIP_QUESTION: 2}),
    ("hip drop", {HIP_QUESTION: 3, A("hip-weakness"): 3}),
    ("trendelenburg", {A("hip-weakness"): 3, HIP_QUESTION: 2}),
    ("gluteal weakness", {A("hip-weakness"): 3, HIP_QUESTION: 1}),
    # An exercise by its name, as people say it.
    ("hip hike", {E("hip-hike"): 3}),
    ("clamshell", {E("clamshell"): 3}),
    ("clam shell exercise", {E("clamshell"): 3}),
    ("glute bridge", {E("glute-bridge"): 3}),
    ("bridge exercise", {E("glute-bridge"): 3}),
    ("wall sit", {E("wall-sit"): 3}),
    ("calf raises", {E("calf-raise"): 3}),
    ("step down exercise", {E("step-down"): 3}),
    ("runners march", {E("runners-march"): 3}),
    ("short foot exercise", {E("short-foot"): 3}),
    ("arch doming", {E("short-foot"): 3}),
    ("side lying leg raise", {E("side-lying-leg-raise"): 3}),
    # Exercises for a problem: the exercises that the problem's pages link, then its page.
    ("knock knees exercises", KNOCK_KNEES_EXERCISES),
    ("exercises for knock knees", KNOCK_KNEES_EXERCISES),
    ("exercises for runners knee", RUNNERS_KNEE_EXERCISES),
    ("stretches for heel pain", HEEL_EXERCISES),
    ("plantar fasciitis exercises", HEEL_EXERCISES),
    ("flat feet exercises", FLAT_FEET_EXERCISES),
    ("exercises for flat feet", FLAT_FEET_EXERCISES),
    (
        "IT band exercises",
        {E("clamshell"): 3, E("hip-hike"): 3, E("side-lying-leg-raise"): 3, A("it-band-pain"): 2},
    ),
    ("exercises for weak hips", WEAK_HIP_EXERCISES),
    ("strengthen weak hips", WEAK_HIP_EXERCISES),
    # Exercises for a body region.
    (
        "hip exercises",
        {
            E("hip-hike"): 3,
            E("clamshell"): 3,
            E("side-lying-leg-raise"): 3,
            E("glute-bridge"): 3,
            E("step-down"): 2,
            E("runners-march"): 2,
        },
    ),
    (
        "knee exercises",
        {
            E("wall-sit"): 3,
            E("step-down"): 3,
            E("hip-hike"): 2,
            E("clamshell"): 2,
            E("calf-raise"): 1,
        },
    ),
    ("foot exercises", {E("short-foot"): 3, E("calf-raise"): 3, E("runners-march"): 1}),
    ("low back exercises", {E("glute-bridge"): 3}),
    ("thigh exercises", {E("wall-sit"): 3, E("step-down"): 2}),
    # Symptoms, and pain when doing something.
    (
        "pain when climbing stairs",
        {A("runners-knee"): 3, A("knock-knees"): 2, KNEES_TURN_IN: 2},
    ),
    (
        "knee pain going down stairs",
        {A("runners-knee"): 3, A("knock-knees"): 2, KNEES_TURN_IN: 2, E("step-down"): 1},
    ),
    (
        "pain at the front of the knee",
        {A("runners-knee"): 3, A("knock-knees"): 3, KNEES_TURN_IN: 2},
    ),
    ("heel hurts with the first steps in the morning", {A("heel-pain"): 3, HEEL_QUESTION: 3}),
    ("arch pain", {A("flat-feet"): 3, E("short-foot"): 2, A("heel-pain"): 1}),
    ("my hip drops when I walk", {HIP_QUESTION: 3, A("hip-weakness"): 3}),
    ("can I run with heel pain", {HEEL_QUESTION: 3, A("heel-pain"): 2}),
    ("knees hurt when I squat", {A("knock-knees"): 3, KNEES_TURN_IN: 2, A("runners-knee"): 2}),
    # Knock knees and kneecap pain as people describe them (the walk of 2026-12-04).
    ("knees cave in", {A("knock-knees"): 3, KNEES_TURN_IN: 3, A("runners-knee"): 1}),
    ("knees caving in when squatting", {A("knock-knees"): 3, KNEES_TURN_IN: 3}),
    ("my knees go inward and hurt", {A("knock-knees"): 3, KNEES_TURN_IN: 3, A("runners-knee"): 1}),
    ("knees point inwards", {A("knock-knees"): 3, KNEES_TURN_IN: 3}),
    ("my knees touch but my ankles dont", {A("knock-knees"): 3, KNEES_TURN_IN: 2}),
    ("my child is knock kneed", {A("knock-knees"): 3, KNEES_TURN_IN: 1}),
    ("pain behind the kneecap", {A("knock-knees"): 3, A("runners-knee"): 3, KNEES_TURN_IN: 2}),
    ("ache under my kneecap", {A("knock-knees"): 3, A("runners-knee"): 3, KNEES_TURN_IN: 2}),
    (
        "front of knee hurts after sitting",
        {A("knock-knees"): 3, A("runners-knee"): 3, KNEES_TURN_IN: 2},
    ),
    # Stairs.
    (
        "knee pain stairs",
        {A("runners-knee"): 3, A("knock-knees"): 3, KNEES_TURN_IN: 2, E("step-down"): 1},
    ),
    (
        "knee hurts going downstairs",
        {A("runners-knee"): 3, A("knock-knees"): 3, KNEES_TURN_IN: 2, E("step-down"): 1},
    ),
    (
        "sore knees after climbing stairs",
        {A("runners-knee"): 3, A("knock-knees"): 3, KNEES_TURN_IN: 2},
    ),
    # Misspelled.
    ("nock knees", {A("knock-knees"): 3, KNEES_TURN_IN: 2}),
    ("knok knees", {A("knock-knees"): 3, KNEES_TURN_IN: 2}),
    ("patelofemoral", {A("runners-knee"): 3, A("knock-knees"): 2}),
    ("planter fasciitis", {A("heel-pain"): 3, HEEL_QUESTION: 2}),
    ("plantar fascitis", {A("heel-pain"): 3, HEEL_QUESTION: 2}),
    ("clamshel", {E("clamshell"): 3}),
    ("illiotibial band", {A("it-band-pain"): 3}),
    ("glut bridge", {E("glute-bridge"): 3}),
    ("overpronaton", {A("flat-feet"): 3}),
    # A body part on its own.
    ("kneecap", {A("knock-knees"): 3, A("runners-knee"): 3}),
    ("patella", {A("knock-knees"): 3, A("runners-knee"): 3}),
    ("heel", {A("heel-pain"): 3, HEEL_QUESTION: 2}),
    ("buttock muscles", {E("glute-bridge"): 3, A("hip-weakness"): 2}),
]


def _dcg(gains):
    return sum((2**gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains))


def score(found_urls, expected):
    """(hit@3, nDCG@5) of one query's results."""
    best = max(expected.values())
    hit = any(expected.get(url) == best for url in found_urls[:3])
    ideal = _dcg(sorted(expected.values(), reverse=True)[:5])
    ndcg = _dcg([expected.get(url, 0) for url in found_urls[:5]]) / ideal
    return hit, ndcg


def evaluate(search, relevance_set=None):
    """Score the set (English by default) with `search(text) -> [url, …]`: (hit@3, nDCG@5,
    [(query, urls, hit, ndcg)])."""
    rows = []
    for text, expected in relevance_set or RELEVANCE_SET:
        urls = search(text)
        hit, ndcg = score(urls, expected)
        rows.append((text, urls[:5], hit, ndcg))
    count = len(rows)
    return (
        sum(hit for _, _, hit, _ in rows) / count,
        sum(ndcg for *_, ndcg in rows) / count,
        rows,
    )


# --- Spanish (/es/ searches) ---------------------------------------------------------
# Written the same way, from the demo's Spanish pages: the knock-knees article, its answer
# and the ten exercises (the other pages have no Spanish yet, so a Spanish search does
# not find them). Addresses as a search on /es/ links them.
A_ES = "/es/articles/{}/".format
E_ES = "/es/exercises/{}/".format
Q_ES = "/es/questions/{}/".format
KNOCK_KNEES_ES = A_ES("knock-knees")
KNEES_TURN_IN_ES = Q_ES("why-do-my-knees-turn-in-and-hurt")
HIP_EXERCISES_ES = {
    E_ES("hip-hike"): 3,
    E_ES("clamshell"): 3,
    E_ES("side-lying-leg-raise"): 3,
    E_ES("side-hip-hold"): 3,
    E_ES("glute-bridge"): 3,
    E_ES("runners-march"): 2,
}
KNEE_EXERCISES_ES = {
    E_ES("wall-sit"): 3,
    E_ES("step-down"): 3,
    E_ES("hip-hike"): 2,
    E_ES("clamshell"): 2,
    E_ES("runners-march"): 2,
}
KNOCK_KNEES_EXERCISES_ES = {
    E_ES("wall-sit"): 3,
    E_ES("step-down"): 3,
    E_ES("hip-hike"): 3,
    E_ES("clamshell"): 3,
    E_ES("runners-march"): 2,
    KNOCK_KNEES_ES: 2,
}
FOOT_EXERCISES_ES = {E_ES("short-foot"): 3, E_ES("calf-raise"): 3, E_ES("runners-march"): 2}

RELEVANCE_SET_ES = [
    # The problem, by its name, the way patients say it, and misspelled.
    ("rodillas en X", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 2}),
    ("rodillas hacia adentro", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 3}),
    ("rodillas hacia adentro y dolor", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 3}),
    ("piernas en X", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 2}),
    ("genu valgo", {KNOCK_KNEES_ES: 3}),
    ("rodillas que se juntan", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 2}),
    ("mis rodillas se van hacia adentro", {KNEES_TURN_IN_ES: 3, KNOCK_KNEES_ES: 3}),
    ("rodiyas en x", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 2}),
    ("rodila", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 3}),
    # Pain at the front of the knee.
    ("dolor de rodilla al subir escaleras", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 3}),
    ("me duele la rodilla al bajar escaleras", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 3}),
    ("dolor de rótula", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 2}),
    ("dolor de rotula", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 2}),
    ("dolor alrededor de la rótula", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 2}),
    ("dolor patelofemoral", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 2}),
    ("rodilla de corredor", {KNOCK_KNEES_ES: 3}),
    ("dolor en la parte de adelante de la rodilla", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 3}),
    # An exercise by its name, with and without accents, and misspelled.
    ("elevación de cadera", {E_ES("hip-hike"): 3}),
    ("elevacion de cadera", {E_ES("hip-hike"): 3}),
    ("marcha del corredor", {E_ES("runners-march"): 3}),
    ("almeja", {E_ES("clamshell"): 3}),
    ("puente de glúteos", {E_ES("glute-bridge"): 3}),
    ("puente de gluteos", {E_ES("glute-bridge"): 3}),
    ("sentadilla contra la pared", {E_ES("wall-sit"): 3}),
    ("bajada de escalón", {E_ES("step-down"): 3}),
    ("elevación de talones", {E_ES("calf-raise"): 3}),
    ("pie corto", {E_ES("short-foot"): 3}),
    ("elevación de pierna de lado", {E_ES("side-lying-leg-raise"): 3}),
    ("sentadiya en la pared", {E_ES("wall-sit"): 3}),
    # Exercises for a problem or a body region.
    ("ejercicios para la cadera", HIP_EXERCISES_ES),
    ("ejercicios de cadera", HIP_EXERCISES_ES),
    ("ejercicios para la rodilla", KNEE_EXERCISES_ES),
    ("ejercicios para rodillas en X", KNOCK_KNEES_EXERCISES_ES),
    ("ejercicios para el pie", FOOT_EXERCISES_ES),
    ("ejercicios de equilibrio", {E_ES("runners-march"): 3}),
    ("fortalecer los glúteos", {E_ES("glute-bridge"): 3, E_ES("clamshell"): 2}),
    # A body part or a sign on its own.
    ("rótula", {KNOCK_KNEES_ES: 3, KNEES_TURN_IN_ES: 2}),
    ("arco del pie", {E_ES("short-foot"): 3}),
    ("pantorrilla", {E_ES("calf-raise"): 3}),
    ("niño con rodillas en X", {KNOCK_KNEES_ES: 3}),
]

# The set of each language, for `manage.py search_relevance --language`.
RELEVANCE_SETS = {"en": RELEVANCE_SET, "es": RELEVANCE_SET_ES}
