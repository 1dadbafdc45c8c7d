from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from search.engine import search
from search.relevance import RELEVANCE_SETS, evaluate


def result_urls(text):
    return [result.url for result in search(text, per_page=5).results]


class Command(BaseCommand):
    """Score the site search on the relevance set (search/relevance.py) over this database."""

    help = "Print hit@3 and nDCG@5 of the site search over the relevance set."

    def add_arguments(self, parser):
        parser.add_argument("--min-hit", type=float, default=0.0, help="Fail below this hit@3.")
        parser.add_argument("--min-ndcg", type=float, default=0.0, help="Fail below this nDCG@5.")
        parser.add_argument("--misses", action="store_true", help="List the weak queries.")
        parser.add_argument(
            "--language", default="en", choices=sorted(RELEVANCE_SETS), help="Whose set."
        )

    def handle(self, *args, min_hit=0.0, min_ndcg=0.0, misses=False, language="en", **options):
        relevance_set = RELEVANCE_SETS[language]
        with translation.override(language):  # a search made from that language's pages
            hit, ndcg, rows = evaluate(result_urls, relevance_set)
        if misses:
            for text, urls, query_hit, query_ndcg in rows:
                if not query_hit or query_ndcg < 0.85:
                    self.stdout.write(
                        f"  {query_ndcg:.2f} {'hit ' if query_hit else 'MISS'} {text!r}: {urls}"
                    )
        self.stdout.write(
            f"{len(relevance_set)} {language} queries: hit@3 {hit:.3f}, nDCG@5 {ndcg:.3f}"
        )
        if hit < min_hit or ndcg < min_ndcg:
            raise CommandError(f"Below the targets (hit@3 {min_hit}, nDCG@5 {min_ndcg}).")
