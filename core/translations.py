"""Content in the patients' other languages: a reviewed translation of one English row.

English is the clinic's source text: it is what PTs write, review, schedule and publish.
A translation is a row of its own per language (`ArticleTranslation`, …, made from
`Translation`), with the texts a patient reads, its own reviewer and review date, and
the moment of the English text it was checked against (`matches_english_of`), so that
staff see which translations lack or are older than their English text.

Public views ask for it: `Article.objects.published().translated()` gives the rows of
the page's language with their translated texts in place of the English ones (one more
query, whatever the number of rows), or, for a row that has none, the English row with
`translation = None`: the page says so above the text, and never mixes the two inside
one text. Rows shown in another language refuse to be saved.

Why not django-parler or django-modeltranslation: both treat every language as equal
columns or rows of one text; neither keeps a translation's own reviewer and the English
version it was made from, and parler would move every English field of every content
model (search, history, the publication check) into translation tables.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.translation import get_language


def other_languages():
    """The site's languages besides English, the source language."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class Translation(models.Model):
    """One language's text of a content row (abstract): the concrete model adds the
    foreign key to its row (named by `source_field`, related_name "translations"), a
    reviewer, the text fields, and `show_on(row)`."""

    source_field = None  # the name of the foreign key to the English row
    shown_with = ()  # select_related() when shown (the reviewer)

    language = models.CharField(max_length=8, choices=other_languages)
    published = models.BooleanField(
        default=False,
        help_text="Shown to patients once a qualified reviewer has checked it.",
    )
    last_reviewed = models.DateField(default=timezone.localdate)
    matches_english_of = models.DateTimeField(
        "matches the English text of",
        default=timezone.now,
        help_text="When the English text this translation was checked against was "
        "last changed. Tick “Matches the current English text” to move it on.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def source(self):
        return getattr(self, self.source_field)

    @property
    def english_is_newer(self):
        """The English text changed after the one this translation was checked against."""
        changed = self.source.text_changed_at()
        return bool(changed and changed > self.matches_english_of)

    def show_on(self, row):
        """Put this translation's texts on `row`, an English row about to be shown."""
        raise NotImplementedError


class TranslatedQuerySet(models.QuerySet):
    """A queryset whose rows can be shown in the page's language (`translated()`)."""

    _shown_language = None

    def translated(self, language=None):
        """The rows in `language` (the active one by default), where a published
        translation exists; see the module docstring."""
        clone = self._chain()
        clone._shown_language = language or get_language()
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._shown_language = self._shown_language
        return clone

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._shown_language and self._iterable_class is ModelIterable:
            show_translations(self._result_cache, self._shown_language)


class VocabularyQuerySet(TranslatedQuerySet):
    """For the words of the site's own vocabulary (body regions, equipment): rows always
    in the page's language, wherever they are listed or prefetched (one query more on a
    page in another language). The admin, always in English, gets the English rows."""

    def _fetch_all(self):
        if self._shown_language is None and self._result_cache is None:
            self._shown_language = get_language()
        super()._fetch_all()

    def iterator(self, chunk_size=None):
        # A form's choices (ModelChoiceField) read the rows with iterator(): a vocabulary
        # is a short list, read whole to be shown in the page's language.
        language = self._shown_language or get_language()
        if language == settings.LANGUAGE_CODE or self._iterable_class is not ModelIterable:
            return super().iterator(chunk_size=chunk_size)
        return iter(show_translations(list(super().iterator(chunk_size=chunk_size)), language))


class VocabularyTranslation(Translation):
    """A vocabulary word's translation (abstract): in use as soon as it is written."""

    published = models.BooleanField(default=True)

    class Meta:
        abstract = True


def show_translations(rows, language=None):
    """Show `rows` (English rows of one model, already loaded: e.g. the exercises of a
    program) in `language`, with one query; see the module docstring."""
    language = language or get_language()
    rows = [row for row in rows if row is not None]
    for row in rows:
        row.translation = None
        row.shown_language = settings.LANGUAGE_CODE
    if not rows or language == settings.LANGUAGE_CODE:
        return rows
    model = type(rows[0])
    translations = model.translations.rel.related_model
    if translations.source_field is None:
        raise ImproperlyConfigured(f"{translations.__name__} names no source_field.")
    found = {
        getattr(translation, f"{translations.source_field}_id"): translation
        for translation in translations.objects.filter(
            **{f"{translations.source_field}__in": [row.pk for row in rows]},
            language=language,
            published=True,
        ).select_related(*translations.shown_with)
    }
    for row in rows:
        translation = found.get(row.pk)
        if translation is not None:
            translation.show_on(row)
            row.translation = translation
            row.shown_language = language
            row._shown_translated = True
    return rows


class TranslatableModel(models.Model):
    """A content model whose rows may be shown translated (abstract): never saved so."""

    # The field saying when the texts a translation translates last changed.
    text_changed_field = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if getattr(self, "_shown_translated", False):
            raise ValueError("A row shown in another language is never saved.")
        super().save(*args, **kwargs)

    def text_changed_at(self):
        return getattr(self, self.text_changed_field) if self.text_changed_field else None


def with_languages(queryset):
    """`queryset` with its rows' published translations, for `languages_of()`."""
    return queryset.prefetch_related(
        models.Prefetch(
            "translations",
            queryset=queryset.model.translations.rel.related_model.objects.filter(
                published=True
            ).only("pk", "language", queryset.model.translations.rel.related_model.source_field),
            to_attr="published_translations",
        )
    )


def languages_of(row):
    """The languages `row` can be read in (rows from `with_languages()`)."""
    return [
        code
        for code, _ in settings.LANGUAGES
        if code == settings.LANGUAGE_CODE
        or any(t.language == code for t in row.published_translations)
    ]


def written_languages(row):
    """The languages `row` can be read in: English and those of its published translations."""
    translated = row.translations.filter(published=True).values_list("language", flat=True)
    return {settings.LANGUAGE_CODE, *translated}
