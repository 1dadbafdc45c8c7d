"""Demo content for the exercise library: equipment and ten hip, knee and foot exercises.

The video links are EXAMPLES, not real videos: YouTube links whose id starts with
"EXAMPLE". Staff replace them with the clinic's own videos in the admin. The
pages look the same either way; pressing play on an example shows YouTube's
"video unavailable" message.

One dose a page: the steps, the progression and the transcript say no number of sets,
repetitions, seconds, times or days (`exercises.models.dose_in_words` finds none); the
dose lives in the dose fields, and a patient's own dose replaces it on their page. The
pain rule (core.safety.PAIN_RULE) is shown by the pages above each exercise's own
precautions, so the precautions here are only the exercise's own cautions, one a line.
"""

from datetime import date

from django.db import transaction

from clinic.models import BodyRegion, Therapist
from exercises.drawings import DRAWINGS
from exercises.models import (
    Equipment,
    EquipmentTranslation,
    Exercise,
    ExerciseStep,
    ExerciseTranslation,
)

EQUIPMENT = [
    ("Chair", "chair"),
    ("Resistance band", "resistance-band"),
    ("Step or stair", "step"),
    ("Wall", "wall"),
    ("Belt or strap", "belt"),
]
SPANISH_EQUIPMENT = {
    "chair": "Silla",
    "resistance-band": "Banda elástica",
    "step": "Escalón o escalera",
    "wall": "Pared",
    "belt": "Cinturón o correa",
}

# Cautions that several exercises share, one line each (short sentences).
# Side-of-hip (gluteal tendon) pain: lying on that side and moves that bring the leg in
# under load squeeze the tendon (Grimaldi 2015; Mellor 2018).
SIDE_HIP_TENDON = (
    "If the outside of your hip hurts (over the bony point), skip this one. Do not lie on "
    "the sore side. Ask your physical therapist what to do instead."
)
HIP_REPLACEMENT = (
    "Had a hip replacement in the last 3 months? Ask your surgeon or physical therapist first."
)

# What the demo exercises were checked against (Exercise.checked_against), by slug.
HIP_SOURCES = (
    "JOSPT 2019 patellofemoral pain guideline (hip strengthening); its side-of-hip caution "
    "from Grimaldi 2015 and Mellor 2018 (gluteal tendon pain: wait with this one)"
)
GLUTE_BRIDGE_SOURCES = (
    "JOSPT 2019 patellofemoral pain guideline (hip strengthening); Mellor 2016 LEAP trial "
    "protocol, where bridging is an early exercise for gluteal tendon pain"
)
SIDE_HIP_HOLD_SOURCES = (
    "Mellor 2016 LEAP trial protocol (BMC Musculoskelet Disord 17:196), Table 3, week 1: "
    "static abduction lying on the back, light effort, hold 5-10 s, 3-5 times, twice a day; "
    "Mellor 2018 BMJ trial; Grimaldi 2015 review"
)
KNEE_SOURCES = "JOSPT 2019 patellofemoral pain guideline; 2018 consensus on exercise therapy"
FOOT_SOURCES = "JOSPT 2023 heel pain guideline"
CHECKED_AGAINST = {
    "hip-hike": HIP_SOURCES,
    "clamshell": HIP_SOURCES,
    "side-lying-leg-raise": HIP_SOURCES,
    "glute-bridge": GLUTE_BRIDGE_SOURCES,
    "side-hip-hold": SIDE_HIP_HOLD_SOURCES,
    "step-down": KNEE_SOURCES,
    "wall-sit": KNEE_SOURCES,
    "runners-march": KNEE_SOURCES,
    "calf-raise": FOOT_SOURCES,
    "short-foot": FOOT_SOURCES,
}

EXERCISES = [
    {
        "slug": "hip-hike",
        "name": "Hip hike",
        "purpose": "Strengthens the side hip muscles that help keep your knee in line.",
        "regions": ["hip", "knee"],
        "equipment": ["step"],
        "difficulty": Exercise.Difficulty.MODERATE,
        "target_muscles": "Side hip muscles (gluteus medius)",
        "dose": {"sets": 2, "reps": 10, "hold_seconds": 2, "days_per_week": 3},
        "steps": [
            "Stand sideways at the edge of the bottom step, holding the rail or a wall.",
            "Put all your weight on the leg on the step. The other foot hangs in the air, past the edge.",
            "With both knees straight, let the hip of the hanging leg sink a little toward the floor.",
            "Lift that hip back up, a little higher than the other one. Use the muscles on the side of the hip you stand on. Hold at the top.",
            "Let it sink slowly again. Do all the repetitions, then turn around and switch legs.",
        ],
        "progression": "When your sets feel easy, hold the top a little longer, or add a set.",
        "precautions": (
            "Always hold on to a rail or a wall.\n"
            "Is your balance poor? Skip this one. Ask your physical therapist for a version "
            "you can do on the floor.\n"
            f"{SIDE_HIP_TENDON}\n"
            f"{HIP_REPLACEMENT}"
        ),
        "transcript": (
            "A person stands sideways on the bottom stair with one hand on the rail. "
            "They stand on the right leg and let the left foot hang off the edge. "
            "Their knees stay straight. The left side of the pelvis (the bowl of bone at "
            "your hips) drops a little, then rises as they tighten the right hip. They hold "
            "at the top and lower slowly. The voice says: keep your upper body still; the "
            "movement comes from the hip, not from leaning."
        ),
    },
    {
        "slug": "runners-march",
        "name": "Runner's march",
        "purpose": "Trains balance and hip control on one leg, like the moment your foot lands when you run.",
        "regions": ["hip", "knee", "ankle-foot"],
        "equipment": ["wall"],
        "difficulty": Exercise.Difficulty.MODERATE,
        "target_muscles": "Hip, thigh and foot muscles that steady the leg",
        # A balance exercise: most days (strength exercises are 3 days a week).
        "dose": {"sets": 2, "reps": 10, "times_per_day": 1, "days_per_week": 5},
        "steps": [
            "Stand tall, with a wall or a chair back next to you in case you lose your balance.",
            "Shift your weight onto one leg. Keep that knee soft, not locked.",
            "Lift the other knee up to hip height and swing the other arm forward, like running. If you need to hold the wall, keep your arms still and just lift the knee.",
            "Hold for a moment. Keep your standing knee pointing over your toes, not inward.",
            "Lower the foot. Do all the repetitions, then switch legs.",
        ],
        "progression": "When this feels easy, let go of the wall, or march a little faster and stay in control.",
        "precautions": (
            "Stop if you feel dizzy or unsteady.\n"
            "Stay close to the wall until your balance is good."
        ),
        "transcript": (
            "A person stands next to a wall, one hand close to it. They lift the left "
            "knee to hip height while the right arm swings forward, like a runner. "
            "The right knee stays over the toes. They hold, lower, and repeat. The "
            "voice says: move slowly; watch that your standing knee does not fall inward."
        ),
    },
    {
        "slug": "clamshell",
        "name": "Clamshell",
        "purpose": "Wakes up the muscles at the back and side of the hip that turn your leg out.",
        "regions": ["hip", "knee"],
        "equipment": [],  # the floor or a firm bed
        "difficulty": Exercise.Difficulty.EASY,
        "target_muscles": (
            "Side and back hip muscles (gluteus medius), and small muscles deep in the hip "
            "that turn the leg out"
        ),
        "dose": {"sets": 2, "reps": 12, "days_per_week": 3},
        "steps": [
            "Lie on your side on the floor or a firm bed, hips and knees bent. Rest your head on your arm.",
            "Keep your feet together and your hips stacked, one on top of the other.",
            "Lift your top knee up, like a clam opening. Do not let your hips roll back.",
            "Lower the knee slowly. Do all the repetitions, then turn over.",
        ],
        "progression": "When your sets feel easy, put a light exercise band around your knees.",
        "precautions": (
            "Stop if you feel a pinch in the front of the hip, or pain in your back.\n"
            f"{SIDE_HIP_TENDON}\n"
            f"{HIP_REPLACEMENT}"
        ),
        "transcript": (
            "A person lies on their left side on a mat, knees bent, feet together. "
            "They lift the top knee while the feet stay touching, then lower it slowly. "
            "The voice says: the movement is small; keep your top hip pointing forward."
        ),
    },
    {
        "slug": "side-lying-leg-raise",
        "name": "Side-lying leg raise",
        "purpose": "Strengthens the side hip muscles that keep your hips level when you walk.",
        "regions": ["hip"],
        "equipment": [],  # the floor or a firm bed
        "difficulty": Exercise.Difficulty.EASY,
        "target_muscles": "Side hip muscles (gluteus medius)",
        "dose": {"sets": 2, "reps": 10, "hold_seconds": 2, "days_per_week": 3},
        "steps": [
            "Lie on your side on the floor or a firm bed. Bend your bottom knee for balance. Keep your top leg straight.",
            "Turn your top toes a little toward the floor.",
            "Lift the top leg up and a little back. Go only as high as you can without your hips rolling back. Hold at the top.",
            "Lower it slowly. Do all the repetitions, then turn over.",
        ],
        "progression": "When your sets feel easy, hold the top a little longer, or add a set.",
        "precautions": (
            "Stop if you feel pain in your lower back or a pinch in the hip.\n"
            "Do not swing the leg. Slow and steady works the muscle best.\n"
            f"{SIDE_HIP_TENDON}\n"
            f"{HIP_REPLACEMENT}"
        ),
        "transcript": (
            "A person lies on their side with the bottom knee bent. The top leg is "
            "straight, toes turned slightly down. They lift the leg up and slightly "
            "back, hold at the top, and lower it slowly."
        ),
    },
    {
        "slug": "glute-bridge",
        "name": "Glute bridge",
        "purpose": "Strengthens the buttock muscles that help you climb stairs and stand up from a chair.",
        "regions": ["hip", "lower-back"],
        "equipment": [],  # the floor or a firm bed
        "difficulty": Exercise.Difficulty.EASY,
        "target_muscles": "Buttock muscles (gluteus maximus) and the back of the thigh",
        "dose": {"sets": 2, "reps": 10, "hold_seconds": 3, "days_per_week": 3},
        "steps": [
            "Lie on your back on the floor or a firm bed, knees bent, feet flat and hip-width apart.",
            "Squeeze your buttocks and lift your hips until your body is in a line from knees to shoulders.",
            "Hold at the top. Keep breathing.",
            "Lower slowly, one part of your back at a time.",
        ],
        "progression": "When it feels easy, hold a little longer, or lift one foot just off the floor at the top.",
        "precautions": (
            "Does your lower back hurt? Stop. Lift less high and squeeze your buttocks more.\n"
            "Does the back of your thigh cramp? Stop. Move your feet a little closer to you."
        ),
        "transcript": (
            "A person lies on their back, knees bent, feet flat. They lift their hips "
            "until the body makes a straight line from knees to shoulders, hold at the "
            "top, and lower slowly. The voice says: push through your heels."
        ),
    },
    {
        "slug": "short-foot",
        "name": "Short foot (arch doming)",
        "purpose": "Strengthens the small muscles under your foot that hold up your arch.",
        "regions": ["ankle-foot", "knee"],
        "equipment": ["chair"],
        "difficulty": Exercise.Difficulty.EASY,
        "target_muscles": "Small muscles in the sole of the foot",
        # A foot exercise: most days.
        "dose": {"sets": 2, "reps": 10, "hold_seconds": 5, "times_per_day": 1, "days_per_week": 7},
        "steps": [
            "Sit on a chair with your bare feet flat on the floor.",
            "Keep your toes long and relaxed. Do not curl them.",
            "Pull the ball of your foot toward your heel, so the arch lifts into a small dome.",
            "Hold, then relax.",
        ],
        "progression": "When it is easy sitting down, do it standing up, then standing on one foot.",
        "precautions": (
            "Stop if your foot cramps. Rest it, then try again with a smaller movement.\n"
            "Do you have diabetes or numb feet? Check your feet for sores first. Ask your "
            "physical therapist if it is safe for you to go barefoot."
        ),
        "transcript": (
            "A close view of a bare foot on the floor. The toes stay long while the "
            "arch rises into a small dome, as if the foot gets shorter. It holds, then "
            "relaxes. The voice says: the movement is tiny; it is fine if you can barely "
            "see it at first."
        ),
    },
    {
        "slug": "step-down",
        "name": "Forward step-down",
        "purpose": "Trains your knee to stay in line over your foot when you go down stairs.",
        "regions": ["knee", "hip"],
        "equipment": ["step"],
        "difficulty": Exercise.Difficulty.HARD,
        "target_muscles": "Front of the thigh (quadriceps) and the hip muscles",
        "dose": {"sets": 2, "reps": 8, "days_per_week": 3},
        "steps": [
            "Stand on the bottom step, facing down the stairs. Hold the rail.",
            "Stand on one leg. Slowly bend that knee and reach the other heel toward the floor.",
            "Keep the bending knee over your second toe. Do not let it drift inward.",
            "Touch the floor lightly with your heel, then push back up.",
            "Do all the repetitions, then switch legs.",
        ],
        "progression": (
            "When it feels easy and your knee stays in line, go more slowly on the way down. "
            "Try a higher step only if your physical therapist says so."
        ),
        "precautions": (
            "Start with the wall sit and the hip hike. Add this one when those feel easy.\n"
            "Use a low step, like the bottom stair. Hold the rail every time.\n"
            "Only go as deep as you can with your knee in line."
        ),
        "transcript": (
            "A person stands on a low step facing forward, one hand on the rail. "
            "They slowly bend the right knee and touch the left heel to the floor, "
            "then push back up. The right knee stays over the toes. The voice says: "
            "a mirror in front of you helps you check your knee."
        ),
    },
    {
        "slug": "calf-raise",
        "name": "Calf raise",
        "purpose": "Strengthens your calf muscles, which push you forward with every step.",
        "regions": ["ankle-foot", "knee"],
        "equipment": ["wall"],
        "difficulty": Exercise.Difficulty.EASY,
        "target_muscles": "Calf muscles",
        "dose": {"sets": 3, "reps": 12, "days_per_week": 3},
        "steps": [
            "Stand facing a wall with your hands on it. Keep your feet hip-width apart.",
            "Rise up onto the balls of your feet, as high as you can.",
            "Keep your ankles straight, not rolling out.",
            "Lower your heels slowly, counting to three.",
        ],
        "progression": "When it is easy on both feet, rise on one foot at a time. Hold on for balance.",
        "precautions": (
            "Stop if you feel sharp pain in your heel or the back of your ankle.\n"
            "Keep your hands on the wall for balance."
        ),
        "transcript": (
            "A person stands facing a wall, hands on it. They rise onto the balls of "
            "their feet, then lower the heels slowly, counting to three. The voice "
            "says: going down slowly is the most important part."
        ),
    },
    {
        "slug": "wall-sit",
        "name": "Wall sit",
        "purpose": "Builds strength in the front of your thigh without moving the knee.",
        "regions": ["knee"],
        "equipment": ["wall"],
        "difficulty": Exercise.Difficulty.MODERATE,
        "target_muscles": "Front of the thigh (quadriceps)",
        "dose": {"sets": 3, "hold_seconds": 20, "days_per_week": 3},
        "steps": [
            "Stand with your back against a wall. Put your feet about 30 cm (12 inches) out from the wall, hip-width apart.",
            "Slide down until your knees are bent a little. Go only as low as feels okay.",
            "Keep your knees over your feet, not in front of your toes.",
            "Hold, then slide back up.",
        ],
        "progression": (
            "When it feels easy, hold it longer. Or slide a little lower if it does not hurt. "
            "Do not go below the point where your thighs are halfway to level."
        ),
        "precautions": (
            "A shallow sit is fine. If your kneecap hurts, do not go so low.\n"
            "Never go below the point where your thighs are halfway to level."
        ),
        "transcript": (
            "A person leans with their back flat on a wall, feet about 30 cm (12 inches) "
            "out from it. They slide down until the knees are slightly bent, hold, then "
            "slide back up. The voice says: you should feel your thighs work, not your "
            "knees hurt."
        ),
    },
    {
        # The first exercise for pain on the outside of the hip (gluteal tendon pain): the
        # side hip muscles work without the tendon being squeezed. Dosed as the LEAP trial
        # protocol's week 1 "static abduction" lying on the back (Mellor 2016, Table 3:
        # light effort, slow onset, hold 5-10 s, 3-5 times, one set, twice a day); the default
        # takes the top of each range, every day. Knees bent, as its drawing shows.
        "slug": "side-hip-hold",
        "name": "Side-hip hold (belt)",
        "purpose": (
            "A gentle first exercise for pain on the outside of the hip. It works the side "
            "hip muscles without squeezing the sore tendons."
        ),
        "regions": ["hip"],
        "equipment": ["belt"],
        "difficulty": Exercise.Difficulty.EASY,
        "target_muscles": "Side hip muscles (gluteus medius and minimus)",
        "dose": {"reps": 5, "hold_seconds": 10, "times_per_day": 2, "days_per_week": 7},
        "steps": [
            "Lie on your back on the floor or a firm bed. Bend your knees and put your feet flat, about hip-width apart.",
            "Put a belt or strap around your thighs, just above your knees. Make it snug, so your knees can hardly move apart.",
            "Slowly press your knees out against the belt. Press gently, with about a quarter of your strength.",
            "Hold the press. Keep breathing.",
            "Slowly let go and rest. Then press again.",
        ],
        "progression": (
            "When it feels easy, and your hip is no worse the next day, ask your physical "
            "therapist what comes next. They may have you press a little harder, or do it "
            "standing."
        ),
        "precautions": (
            "Press gently. If the outside of your hip hurts more, press less hard.\n"
            "Do not cross your legs or let your knees fall in toward each other."
        ),
        "transcript": (
            "A person lies on their back on a mat, knees bent and feet flat, with a belt "
            "around the thighs just above the knees. They slowly press their knees out "
            "against the belt. The knees hardly move. They hold, keep breathing, then "
            "slowly let go. The voice says: this is gentle work for the side of your hips, "
            "so press softly."
        ),
    },
]


def example_video_url(number):
    # Not a real video: "EXAMPLE" + 4 digits is a valid 11-character id that staff replace.
    return f"https://www.youtube.com/watch?v=EXAMPLE{number:04d}"


@transaction.atomic
def seed_spanish():
    """The exercises' Spanish (exercises/demo_es.py), checked by Daniel Reyes, the demo's
    bilingual physical therapist; an exercise that has its Spanish already is left alone."""
    from exercises.demo_es import EXERCISES as SPANISH

    reviewer = Therapist.objects.filter(slug="daniel-reyes").first()
    if reviewer is None:
        return
    exercises = Exercise.objects.in_bulk(list(SPANISH), field_name="slug")
    done = set(
        ExerciseTranslation.objects.filter(language="es").values_list("exercise__slug", flat=True)
    )
    ExerciseTranslation.objects.bulk_create(
        ExerciseTranslation(
            exercise=exercises[slug],
            language="es",
            published=True,
            reviewer=reviewer,
            last_reviewed=date(2026, 12, 1),
            steps="\n".join(data["steps"]),
            **{field: data[field] for field in ExerciseTranslation.TEXT_FIELDS},
        )
        for slug, data in SPANISH.items()
        if slug in exercises and slug not in done
    )


def seed(stdout):
    """Create the demo equipment and exercises; exercises that exist already are left alone."""
    equipment = {}
    for order, (name, slug) in enumerate(EQUIPMENT):
        equipment[slug], _ = Equipment.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )
        EquipmentTranslation.objects.get_or_create(
            equipment=equipment[slug], language="es", defaults={"name": SPANISH_EQUIPMENT[slug]}
        )
    regions = {region.slug: region for region in BodyRegion.objects.all()}
    checker = Therapist.objects.filter(slug="maya-okafor").first()
    created = 0
    for number, data in enumerate(EXERCISES, start=1):
        exercise, is_new = Exercise.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "purpose": data["purpose"],
                "difficulty": data["difficulty"],
                "target_muscles": data["target_muscles"],
                "precautions": data["precautions"],
                "progression": data["progression"],
                "transcript": data["transcript"],
                "video_url": example_video_url(number),
                "drawing": data["slug"] if data["slug"] in DRAWINGS else "",
                "checked_by": checker,
                "checked_against": CHECKED_AGAINST.get(data["slug"], ""),
                "status": Exercise.Status.PUBLISHED,
                **data["dose"],
            },
        )
        if not is_new:
            continue
        created += 1
        exercise.body_regions.set([regions[slug] for slug in data["regions"] if slug in regions])
        exercise.equipment.set([equipment[slug] for slug in data["equipment"]])
        ExerciseStep.objects.bulk_create(
            ExerciseStep(exercise=exercise, order=order, text=text)
            for order, text in enumerate(data["steps"], start=1)
        )
    seed_spanish()
    stdout.write(
        f"Exercises: {created} created, {len(EXERCISES) - created} already there. "
        "Their video links are examples (ids starting with EXAMPLE): replace them in the admin."
    )
