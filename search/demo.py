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


def seed(stdout=None):
    for term, equivalents in SYNONYMS:
        SearchSynonym.objects.get_or_create(term=term, defaults={"equivalents": equivalents})
