from django.core.management.base import BaseCommand

from search.indexing import rebuild_index


class Command(BaseCommand):
    """Rebuild the site search index from the public pages of every search source.

    Saving a page keeps the index up to date; run this after a bulk change made
    without signals (a QuerySet.update(), a data import) or to repair the index.
    """

    help = "Rebuild the site search index."

    def handle(self, *args, **options):
        counts = rebuild_index()
        summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {summary}."))
