"""Demo content for the site search: a first set of synonyms, editable in the admin."""

from search.models import SearchSynonym

# Lay words next to clinical ones, for the site search. Staff edit these in the admin.
SYNONYMS = [
    ("kneecap", "patella"),
    ("knock knees", "genu valgum, knock kneed"),
    ("PFPS", "patellofemoral pain"),
    ("runners knee", "patellofemoral pain"),
    ("IT band", "iliotibial"),
    ("flat feet", "pes planus, fallen arches, overpronation"),
    ("heel pain", "plantar fasciitis, plantar heel pain"),
    ("hip drop", "Trendelenburg, gluteal weakness"),
    ("low back", "lumbar"),
]


def seed(stdout=None):
    for term, equivalents in SYNONYMS:
        SearchSynonym.objects.get_or_create(term=term, defaults={"equivalents": equivalents})
