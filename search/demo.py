"""Demo content for the site search: a first set of synonyms, editable in the admin."""

from search.models import SearchSynonym

# Lay words next to clinical ones, for the site search. Staff edit these in the admin.
SYNONYMS = [
    ("kneecap", "patella"),
    (
        "knock knees",
        "genu valgum, knock kneed, knees turn in, knees that turn in, knees turn inward, "
        "knees go inward, knees cave in, knees caving in, knees collapse inward, knees touch",
    ),
    ("PFPS", "patellofemoral pain"),
    ("patellofemoral pain syndrome", "patellofemoral pain, runners knee"),
    ("runners knee", "patellofemoral pain"),
    ("ITBS", "iliotibial band syndrome, IT band syndrome"),
    ("glutes", "gluteal muscles, buttock muscles"),
    ("IT band", "iliotibial"),
    ("flat feet", "pes planus, fallen arches, overpronation"),
    ("heel pain", "plantar fasciitis, plantar heel pain"),
    ("hip drop", "Trendelenburg, gluteal weakness"),
    ("low back", "lumbar"),
]


# The same for searches in Spanish (/es/): how patients say it, and the words of our pages.
SPANISH_SYNONYMS = [
    (
        "rodillas en X",
        "rodillas hacia adentro, rodillas que se juntan, rodillas que se van hacia adentro, "
        "piernas en X, genu valgo, rodillas juntas",
    ),
    ("rótula", "patela, dolor patelofemoral"),
    ("dolor patelofemoral", "dolor de rótula, dolor alrededor de la rótula, rodilla de corredor"),
    ("rodilla de corredor", "dolor patelofemoral"),
    ("subir escaleras", "escaleras, escalones, subir y bajar escaleras"),
    ("glúteos", "músculos de la cadera, nalgas"),
    ("pies planos", "arco caído, pie plano"),
    ("dolor de talón", "fascitis plantar"),
    ("cadera que cae", "Trendelenburg, debilidad de cadera"),
    ("espalda baja", "lumbar, parte baja de la espalda"),
]


def seed(stdout=None):
    for language, synonyms in (("en", SYNONYMS), ("es", SPANISH_SYNONYMS)):
        for term, equivalents in synonyms:
            SearchSynonym.objects.get_or_create(
                term=term, language=language, defaults={"equivalents": equivalents}
            )
