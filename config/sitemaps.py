"""The sitemap's sections, one per app that has public pages."""

from clinic.sitemaps import ClinicSitemap
from education.sitemaps import ArticleSitemap
from exercises.sitemaps import ExerciseSitemap
from questions.sitemaps import QuestionSitemap

sitemaps = {
    "clinics": ClinicSitemap,
    "exercises": ExerciseSitemap,
    "articles": ArticleSitemap,
    "questions": QuestionSitemap,
}
