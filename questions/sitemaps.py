from core.site_address import SiteAddressSitemap
from core.translations import with_languages
from questions.models import Question


class QuestionSitemap(SiteAddressSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        # Only published questions, and only their slugs: nothing about the asker.
        return with_languages(
            Question.objects.published().only("slug", "published_at").order_by("pk")
        )

    def lastmod(self, item):
        return item.published_at
