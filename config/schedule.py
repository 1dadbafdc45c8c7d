"""When content next goes public by itself: the page cache's version ends then."""

from education.models import next_scheduled_article
from questions.models import next_scheduled_answer


def next_scheduled_publication():
    """The next scheduled article or answer's publication time (None if none is due)."""
    moments = [next_scheduled_article(), next_scheduled_answer()]
    return min((moment for moment in moments if moment), default=None)
