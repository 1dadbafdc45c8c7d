from core.site_address import SiteAddressSitemap
from core.translations import with_languages
from education.models import Article


class ArticleSitemap(SiteAddressSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return with_languages(Article.objects.published().only("slug", "updated_at").order_by("pk"))

    def lastmod(self, item):
        return item.updated_at
