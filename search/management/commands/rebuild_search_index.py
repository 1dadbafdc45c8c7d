from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Count

from search.indexing import rebuild_index
from search.models import SearchDocument


class Command(BaseCommand):
    """Rebuild the site search index from the public pages of every search source.

    Saving a page keeps the index up to date; run this after a bulk change made
    without signals (a QuerySet.update(), a data import) or to repair the index.
    """

    help = "Rebuild the site search index."

    def handle(self, *args, **options):
        rebuild_index()
        # The pages of each kind, in English, then in each language they are translated into.
        counted = SearchDocument.objects.values_list("language", "kind").annotate(n=Count("id"))
        by_language = {}
        for language, kind, n in counted.order_by("language", "kind"):
            by_language.setdefault(language, []).append(f"{n} {kind}")
        english = by_language.pop(settings.LANGUAGE_CODE, [])
        summary = ", ".join(english) + "".join(
            f"; in {language}: {', '.join(parts)}" for language, parts in by_language.items()
        )
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {summary}."))
