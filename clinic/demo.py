"""Demo content for the clinic app: body regions, clinics, therapists."""

from datetime import time

from django.contrib.auth.models import User

from clinic.models import BodyRegion, BodyRegionTranslation, Clinic, OpeningHours, Therapist

REGIONS = [
    ("Hip", "hip", "hip pain"),
    ("Knee", "knee", "knee pain"),
    ("Ankle and foot", "ankle-foot", "foot or ankle pain"),
    ("Lower back", "lower-back", "low back pain"),
    ("Shoulder", "shoulder", "shoulder pain"),
    ("Neck", "neck", "neck pain"),
]


# Their Spanish: the name and how a patient says it in a sentence.
SPANISH_REGIONS = {
    "hip": ("Cadera", "dolor de cadera"),
    "knee": ("Rodilla", "dolor de rodilla"),
    "ankle-foot": ("Tobillo y pie", "dolor de pie o de tobillo"),
    "lower-back": ("Parte baja de la espalda", "dolor de espalda baja"),
    "shoulder": ("Hombro", "dolor de hombro"),
    "neck": ("Cuello", "dolor de cuello"),
}


def seed_regions():
    for order, (name, slug, phrase) in enumerate(REGIONS):
        region, _ = BodyRegion.objects.get_or_create(
            slug=slug, defaults={"name": name, "pain_phrase": phrase, "order": order}
        )
        if slug in SPANISH_REGIONS:
            spanish_name, spanish_phrase = SPANISH_REGIONS[slug]
            BodyRegionTranslation.objects.get_or_create(
                region=region,
                language="es",
                defaults={"name": spanish_name, "pain_phrase": spanish_phrase},
            )


# Invented clinics: the addresses are made up and the numbers are in the 555-01xx range
# reserved for fiction.
CLINICS = [
    {
        "slug": "riverside",
        "name": "Riverbend PT – Riverside",
        "street_address": "214 Mill Race Road",
        "city": "Riverbend",
        "state": "IL",
        "postal_code": "60999",
        "phone": "(312) 555-0142",
        "email": "riverside@example.com",
        "latitude": "41.878100",
        "longitude": "-87.629800",
        "order": 0,
        "directions": "Free parking behind the building. Step-free entrance on the parking side; "
        "the bus stop Mill Race & 3rd is a two-minute walk.",
        "services": "Assessment and treatment of joint and muscle pain\n"
        "Knee and hip rehabilitation, before and after surgery\n"
        "Running injury clinic\n"
        "Taping and manual therapy\n"
        "Home exercise programmes",
        "hours": {
            **{day: [(time(7), time(19))] for day in range(4)},
            4: [(time(7), time(16))],
            5: [(time(8), time(12))],
        },
    },
    {
        "slug": "northside",
        "name": "Riverbend PT – Northside",
        "street_address": "88 Orchard Lane, Suite 2",
        "city": "Riverbend",
        "state": "IL",
        "postal_code": "60998",
        "phone": "(312) 555-0187",
        "email": "northside@example.com",
        "order": 1,
        "directions": "On the ground floor of the Orchard Lane health centre. Street parking.",
        "services": "Assessment and treatment of joint and muscle pain\n"
        "Balance and falls prevention for older adults\n"
        "Foot and ankle rehabilitation\n"
        "Back and neck pain programmes",
        "hours": {
            # A lunch break: two intervals a day.
            **{day: [(time(8), time(12)), (time(13), time(18))] for day in (0, 2, 4)},
            1: [(time(10), time(19))],
            3: [(time(10), time(19))],
        },
    },
]

THERAPISTS = [
    {
        "slug": "maya-okafor",
        "name": "Maya Okafor",
        "credentials": "PT, DPT, OCS",
        "specialties": "knee pain, hip pain, running injuries",
        "bio": "Maya helps runners and weekend athletes get back to the things they love. "
        "She looks at the whole leg, from hip to foot, and keeps home exercises short "
        "enough to fit into a busy day.",
        "clinics": ["riverside"],
        "username": "demo-pt",
    },
    {
        "slug": "daniel-reyes",
        "name": "Daniel Reyes",
        "credentials": "PT, DPT",
        "specialties": "foot and ankle pain, balance, older adults",
        "bio": "Daniel works with people who want to walk with confidence again, after a "
        "sprain, a fall or a long time of pain. He explains every step in plain words.",
        "clinics": ["northside", "riverside"],
        "username": "demo-pt2",
    },
    {
        "slug": "priya-natarajan",
        "name": "Priya Natarajan",
        "credentials": "PT, MPT, CSCS",
        "specialties": "low back pain, neck pain, returning to lifting",
        "bio": "Priya treats back and neck pain and helps people return to work, the gym "
        "and the garden. She believes a good plan starts with understanding your pain.",
        "clinics": ["northside"],
        "username": None,
    },
]


def seed_clinics():
    """Two clinics with their hours and three therapists; demo PTs get their therapist."""
    clinics = {}
    for data in CLINICS:
        fields = {key: value for key, value in data.items() if key not in {"slug", "hours"}}
        clinic, created = Clinic.objects.get_or_create(slug=data["slug"], defaults=fields)
        if created:
            OpeningHours.objects.bulk_create(
                OpeningHours(clinic=clinic, weekday=day, opens=opens, closes=closes)
                for day, intervals in data["hours"].items()
                for opens, closes in intervals
            )
        clinics[clinic.slug] = clinic
    for data in THERAPISTS:
        fields = {
            key: value
            for key, value in data.items()
            if key in {"name", "credentials", "specialties", "bio"}
        }
        therapist, created = Therapist.objects.get_or_create(slug=data["slug"], defaults=fields)
        if created:
            therapist.clinics.set(clinics[slug] for slug in data["clinics"] if slug in clinics)
        user = User.objects.filter(username=data["username"]).first() if data["username"] else None
        if user and therapist.user_id is None and not Therapist.objects.filter(user=user).exists():
            therapist.user = user
            therapist.save(update_fields=["user"])


def seed(stdout):
    """Regions, clinics and therapists (linked to the demo accounts when they exist)."""
    seed_regions()
    seed_clinics()
