from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
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
        return Article.objects.published().select_related("author").order_by("-publish_at")[:20]

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
