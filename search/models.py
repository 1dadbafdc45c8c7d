"""The site search's own data: one denormalised document per public page, and synonyms."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """One public page as the site search sees it: a denormalised copy, rebuilt on save.

    Only public fields are copied here (never a question's asker, email or original
    text). Scheduled items are stored with the time they go public and filtered at
    query time, so nothing has to run when that time comes. See search/engine.py.
    """

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    # One document per page and language: English for every page, another language for a
    # page with a published translation (search.languages).
    language = models.CharField(max_length=8, default="en", db_default="en", db_index=True)
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    keywords = models.TextField(blank=True, help_text="Weight B: summary, other names, key points.")
    body = models.TextField(blank=True, help_text="Weight C: the plain text of the page.")
    regions = models.CharField(max_length=300, blank=True, help_text="Body region slugs.")
    # The exercises this page links, best first ("12 7 3"): what "exercises for …" brings.
    exercises = models.CharField(max_length=300, blank=True, help_text="Linked exercise ids.")
    public_from = models.DateTimeField(db_index=True)
    # PostgreSQL only: weighted A/B/C by a trigger (education migration 0004). SQLite uses FTS5 instead.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        db_table = "education_searchdocument"  # its table from before search had its own app
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="unique_search_document_language"
            )
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class SearchSynonym(models.Model):
    """Words patients use and words clinicians use for the same thing, for the site search."""

    term = models.CharField(
        max_length=100, help_text='A word or phrase, e.g. "kneecap" or "knock knees".'
    )
    equivalents = models.CharField(
        max_length=300,
        help_text='Other ways to say it, comma-separated, e.g. "patella" or "genu valgum".',
    )
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        db_default="en",
        help_text="The language of the searches it helps: Spanish words for /es/ searches.",
    )

    class Meta:
        db_table = "education_searchsynonym"
        ordering = ["language", "term"]
        constraints = [
            models.UniqueConstraint(fields=["term", "language"], name="unique_synonym_language")
        ]
        verbose_name = "search synonym"

    def __str__(self):
        return f"{self.term} = {self.equivalents}"

    def phrases(self):
        """The term and its equivalents, as one list."""
        return [self.term, *(p.strip() for p in self.equivalents.split(",") if p.strip())]
