from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.site_address import absolute_url
from education.models import Article


class LatestArticlesFeed(Feed):
    feed_type = Atom1Feed

    # Absolute links on SITE_URL: the feed framework would take the request's host.
    def link(self):
        return absolute_url(reverse("education:article_list"))

    def feed_url(self):
        return absolute_url(reverse("education:article_feed"))

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    subtitle = _("New and updated plain-language articles from our physical therapists.")

    def title(self):
        return gettext("%(site_name)s: articles") % {"site_name": settings.SITE_NAME}

    def items(self):
        """The newest articles in the feed's language (/es/feeds/articles/: those that
        have their Spanish)."""
        articles = Article.objects.published().select_related("author")
        language = get_language()
        if language != settings.LANGUAGE_CODE:
            articles = articles.filter(
                translations__language=language, translations__published=True
            )
        return articles.order_by("-publish_at").translated()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author.display_name
