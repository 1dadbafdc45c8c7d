"""Published pages that match a patient's question: for the PT answering it (the question
admin's answer assist) and for the patient writing it ("These answers may help" on /ask/).
"""

from dataclasses import dataclass

from search.engine import in_page_language, search
from search.indexing import registered

# While a patient types: only the question's rarest words, on at most this many pages
# together (search.spelling.most_telling). A clinic's whole site is far smaller.
QUICK_PAGES = 2000


@dataclass
class Suggestion:
    kind: str  # a registered source's kind ("article", say)
    object_id: int
    title: str
    url: str


def suggestions_for(text, *, limit=8, kinds=None, quick=False):
    """Up to `limit` published pages (of `kinds`, default every kind) matching `text`,
    best first.

    A patient's question is long: pages with every word are rare, so the search falls
    back to pages with some of them, ranked.
    """
    per_page = limit * 2 if kinds else limit
    # Quick (while a patient types): no spelling pass, no reordering beyond one page,
    # titles and keywords only, and only the question's most telling words.
    found = search(
        text,
        per_page=per_page,
        correct=not quick,
        window=per_page if quick else 30,
        fields="titles" if quick else "all",
        most_telling=QUICK_PAGES if quick else None,
    )
    return [
        Suggestion(
            document.kind, document.object_id, document.title, in_page_language(document.url)
        )
        for document in found.page_obj.object_list
        if kinds is None or document.kind in kinds
    ][:limit]


def before_you_ask(text, *, limit=5):
    """The published pages that may answer a question being written: of the sources that
    offer theirs there (answers and articles)."""
    kinds = {source.kind for source in registered() if source.suggest_label}
    return suggestions_for(text, limit=limit, kinds=kinds, quick=True)
