from django.contrib.sitemaps import Sitemap

from exercises.models import Exercise


class ExerciseSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Exercise.objects.published().order_by("slug")

    def lastmod(self, exercise):
        return exercise.updated
