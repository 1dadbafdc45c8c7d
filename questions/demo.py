"""Demo content for Ask Our Experts: answered, published questions and a few waiting ones.

An answer's warning signs are in its own "red_flags" (one sign a line, as on articles:
"Emergency:" and "Soon:" name how soon), shown in the page's box in core.safety's words;
the answer text itself never says how to reach emergency care.
"""

from datetime import date, timedelta

from django.utils import timezone

from clinic.models import BodyRegion, Therapist
from education.demo import (
    BY_HAND,
    CHILD_CANNOT_WALK,
    CHILD_LIMP,
    KNEECAP_OUTLOOK,
    KNEECAP_OUTLOOK_KEY_POINT,
    SIDE_HIP_HOLD_HOW,
    SOURCES,
    STRESS_FRACTURE,
    demo_therapists,
)
from education.models import Article
from exercises.models import Exercise
from questions.models import AnswerReference, Question, QuestionTranslation

QUESTIONS = [
    {
        "slug": "why-do-my-knees-turn-in-and-hurt",
        "public_title": "Why do my knees turn in, and why does the front of my knee hurt?",
        "public_text": (
            "I noticed that my knees point in toward each other when I walk down stairs or "
            "squat. Now I have an ache under my kneecap, mostly on stairs and after sitting. "
            "Is something wrong with my knee?"
        ),
        "region": "knee",
        "articles": ["knock-knees"],
        "exercises": ["wall-sit", "hip-hike", "step-down"],
        "references": ["pfp-guideline", "pfp-consensus-2018", "nhs-knock-knees", "scfe"],
        "checked_against": (
            "JOSPT 2019 patellofemoral pain guideline; 2018 consensus; NHS knock knees page; "
            "Peck 2017 (SCFE: limping child or teen)"
        ),
        "things_to_know": (
            "Pain under the kneecap with knees that turn in is common and usually not serious.\n"
            f"{KNEECAP_OUTLOOK_KEY_POINT}\n"
            "Thigh and hip exercises, done together, help most people.\n"
            "Pain up to 3 out of 10 during exercise is okay. Stop if it goes higher.\n"
            "A child or teen with knee pain and a limp needs a doctor today, to check the hip.\n"
            "A physical therapist can check how you move and tape the knee for a while."
        ),
        "answer": (
            "Thank you for your question. What you describe sounds like **patellofemoral "
            "pain**: an ache around or under the kneecap. It is one of the most common knee "
            "problems, and most people get better without surgery.\n\n"
            "**Is something wrong with your knee?** Most likely the knee is not damaged. "
            "The tissue under the kneecap is getting more load than it can handle right now. "
            "This often starts after a change, like more stairs, squats or running.\n\n"
            "**Will it go away on its own?** Not often, if nothing changes. It usually "
            "gets better once you change the load and make your muscles stronger. "
            f"{KNEECAP_OUTLOOK}\n\n"
            "When your knees turn in on stairs or in a squat, weak or tired thigh and hip "
            "muscles may play a part. Strong thigh muscles (the quadriceps) steer the "
            "kneecap. Strong side hip muscles help hold the thigh in line.\n\n"
            "**What you can do at home:** make your thigh and hip muscles stronger, "
            "together. Start with the wall sit and the hip hike below. Add the step-down "
            "when those feel easy. Cut back a little on what hurts, like many stairs or long "
            "sitting with bent knees, but keep moving.\n\n"
            "**How much pain is okay?** Pain up to 3 out of 10 during exercise is okay (0 is "
            "no pain, 10 the worst you can imagine). Stop if it goes higher or feels sharp. "
            "If it is worse the next morning, do less next time.\n\n"
            "**What a physical therapist can do:** watch how you squat, step and walk to "
            "find where the problem starts. They can tape your kneecap to ease the pain for "
            "a while. They may also move the knee, and the tissue around it, by hand. "
            f"{BY_HAND} Most of all, they build an exercise plan with you."
        ),
        "red_flags": (
            "Your knee swells up fast, or locks and you cannot straighten it\n"
            "You cannot put weight on your leg\n"
            "A fever, or a hot, red knee\n"
            f"{CHILD_LIMP}\n"
            f"{CHILD_CANNOT_WALK}\n"
            "Soon: your knee keeps giving way"
        ),
        "answered_by": "maya-okafor",
    },
    {
        "slug": "is-it-safe-to-run-with-heel-pain",
        "public_title": "Is it safe to keep running with heel pain in the morning?",
        "public_text": (
            "My heel hurts a lot for the first few steps each morning, then it gets better. "
            "I run three times a week. Should I stop running?"
        ),
        "region": "ankle-foot",
        "articles": ["heel-pain"],
        "exercises": ["calf-raise"],
        "references": ["heel-pain-guideline", "heel-pain-best-practice"],
        "checked_against": "JOSPT 2023 heel pain guideline; Morrissey 2021 best practice guide",
        "things_to_know": (
            "Morning heel pain is a classic sign of plantar heel pain.\n"
            "You often do not need to stop running, but you may need to run less for a while.\n"
            "Calf strength, taping and a slow return help most people.\n"
            "It often takes several months to get better.\n"
        ),
        "answer": (
            "Sharp heel pain with your first steps in the morning is a typical sign of "
            "plantar heel pain. The thick band under your foot is sore where it joins the "
            "heel.\n\n"
            "You often do not need to stop running. Try this for a few weeks:\n\n"
            "- Run shorter and slower, on soft, flat ground.\n"
            "- If the pain is worse the next morning, do less next time.\n"
            "- Make your calves stronger with calf raises.\n"
            "- Wear shoes with a cushioned heel at home too.\n\n"
            "A physical therapist can also tape your foot to ease the pain. See one if the "
            "pain makes you limp, or does not ease after a month. It often takes several "
            "months to get better, and for some people longer."
        ),
        "red_flags": (
            "The pain started after a fall or jump\n"
            "You cannot put weight on your foot\n"
            "Soon: your heel hurts when you squeeze its sides\n"
            f"Soon: the pain gets worse with each run. {STRESS_FRACTURE}\n"
            "Soon: your foot is numb"
        ),
        "answered_by": "daniel-reyes",
    },
    {
        "slug": "my-hip-drops-when-i-walk",
        "public_title": "My hip drops on one side when I walk. What does that mean?",
        "public_text": (
            "A friend told me my hip dips on one side when I walk. I also get an ache on the "
            "side of that hip. What causes this, and can exercise help?"
        ),
        "region": "hip",
        "articles": ["hip-weakness"],
        "exercises": ["side-hip-hold", "glute-bridge"],
        "references": [
            "gluteal-tendinopathy-review",
            "gluteal-tendinopathy-trial",
            "gluteal-tendinopathy-protocol",
            "scfe",
        ],
        "checked_against": (
            "Grimaldi 2015 review; Mellor 2018 trial; its protocol (Mellor 2016, Table 3) for "
            "the side-hip hold dose; Peck 2017 (SCFE: a limping child or teen)"
        ),
        "things_to_know": (
            "A hip that dips when you walk often means the side hip muscles are weak.\n"
            "An ache on the side of the hip often comes from the tendons there. Tendons are "
            "cords that join muscle to bone.\n"
            "For now, do not cross your legs or lie on the sore side.\n"
            "Start with gentle holds. Stronger moves come later. This helps most people "
            "within a few months.\n"
            "A child or teen who limps, with pain from the hip to the knee, needs a doctor "
            "today.\n"
        ),
        "answer": (
            "When you stand on one leg, the muscles on the side of that hip keep your pelvis "
            "(the bowl of bone at your hips) level. You do this with every step. If these "
            "muscles are weak, the other side of the pelvis dips.\n\n"
            "An ache on the side of the hip, over the bony point, often comes from the "
            "tendons there. They get sore when they are squeezed. So for now:\n\n"
            "- Do not cross your legs.\n"
            "- Do not lie on the sore side.\n"
            "- Do not stand with your weight on one hip.\n"
            "- Leave out stretches that pull the leg across your body.\n\n"
            f"**Start with the side-hip hold.** {SIDE_HIP_HOLD_HOW} The glute bridge below "
            "is a good next step. Moves like the clamshell, the side-lying leg raise and the "
            "hip hike squeeze the tendons. Leave them until a physical therapist says the "
            "tendon is ready.\n\n"
            "A physical therapist can check your strength and how you walk, and rule out "
            "other causes."
        ),
        "red_flags": (
            "Emergency: numbness between your legs or around your bottom\n"
            "Emergency: new trouble holding or passing pee or poop (urine or stool)\n"
            "Emergency: a leg that suddenly becomes weak\n"
            f"{CHILD_CANNOT_WALK}\n"
            "The pain started after a fall\n"
            "You cannot put weight on the leg\n"
            "A fever with hip pain\n"
            f"{CHILD_LIMP}"
        ),
        "answered_by": "maya-okafor",
    },
]

WAITING_QUESTIONS = [
    {
        "name": "Alex",
        "email": "alex@example.com",
        "text": (
            "I started running again after a long break and now the outside of my right knee "
            "hurts after about 2 miles. What should I do?"
        ),
        "region": "knee",
        "may_publish": True,
    },
    {
        "name": "Sam",
        "email": "sam@example.com",
        "text": (
            "My arches ache after a long day at work standing on concrete. Do I need special "
            "shoes or inserts?"
        ),
        "region": "ankle-foot",
        "may_publish": False,
    },
]


def seed(stdout):
    therapists = demo_therapists()
    regions = {region.slug: region for region in BodyRegion.objects.all()}
    now = timezone.now()
    for days_ago, data in enumerate(QUESTIONS, start=3):
        if Question.objects.filter(slug=data["slug"]).exists():
            continue
        asked = now - timedelta(days=days_ago + 2)
        question = Question.objects.create(
            # Demo askers: personal data erased as it would be after the retention period.
            name="",
            email="",
            text=data["public_text"],
            region=regions[data["region"]],
            may_publish=True,
            created_at=asked,
            status=Question.Status.PUBLISHED,
            things_to_know=data["things_to_know"],
            answer=data["answer"],
            red_flags=data["red_flags"],
            checked_against=data["checked_against"],
            answered_by=therapists[data["answered_by"]],
            answered_at=asked + timedelta(days=1),
            answer_sent_at=asked + timedelta(days=1),
            closed_at=asked + timedelta(days=1),
            public_title=data["public_title"],
            public_text=data["public_text"],
            slug=data["slug"],
            published_at=asked + timedelta(days=2),
            personal_data_erased_at=now,
        )
        question.related_articles.set(Article.objects.filter(slug__in=data["articles"]))
        question.related_exercises.set(Exercise.objects.filter(slug__in=data["exercises"]))
        AnswerReference.objects.bulk_create(
            AnswerReference(
                question=question, order=i, citation=SOURCES[key][0], url=SOURCES[key][1]
            )
            for i, key in enumerate(data["references"], start=1)
        )
    seed_spanish()
    for hours_ago, data in enumerate(WAITING_QUESTIONS, start=1):
        if not Question.objects.filter(text=data["text"]).exists():
            Question.objects.create(
                name=data["name"],
                email=data["email"],
                text=data["text"],
                region=regions[data["region"]],
                may_publish=data["may_publish"],
                created_at=now - timedelta(hours=hours_ago * 20),
            )


def seed_spanish():
    """The Spanish of the published answers (questions/demo_es.py), checked by Daniel
    Reyes, the demo's bilingual physical therapist; one that has it already is left alone."""
    from questions.demo_es import QUESTIONS as SPANISH

    reviewer = Therapist.objects.filter(slug="daniel-reyes").first()
    for slug, data in SPANISH.items():
        question = Question.objects.filter(slug=slug).first()
        if reviewer is None or question is None or question.translations.exists():
            continue
        QuestionTranslation.objects.create(
            question=question,
            language="es",
            published=True,
            reviewer=reviewer,
            last_reviewed=date(2026, 12, 1),
            **{field: data.get(field, "") for field in QuestionTranslation.TEXT_FIELDS},
        )
