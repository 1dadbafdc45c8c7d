"""Versions of what the clinic publishes (django-simple-history): who saved what, and when.

`published_history()` gives a model a history whose admin page lists, for each
version, who saved it, when, and which fields it changed; any version can be
restored from there ("Revert"), which saves it as a new version.
"""

from django.db import models
from simple_history.models import HistoricalRecords


class ChangedFields:
    """Added to each historical model: the fields this version changed from the one before."""

    @property
    def changed_fields(self):
        previous = self.prev_record
        if previous is None:
            return "first version"
        delta = self.diff_against(previous)
        names = [self.instance_type._meta.get_field(c.field).verbose_name for c in delta.changes]
        return ", ".join(str(name) for name in names) or "no change"


def published_history(*, excluded_fields=()):
    return HistoricalRecords(
        bases=[ChangedFields, models.Model], excluded_fields=list(excluded_fields)
    )
