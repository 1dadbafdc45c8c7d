"""The home page the clinic chooses: featured condition articles, exercises and answers, in
order.

In the portal app, because it ties three apps together; the home view (portal.views)
shows these when staff picked some, and the newest content when not. The tables keep the
names they had in the `config` app (db_table), where they were made.
"""

from django.db import models
from solo.models import SingletonModel


class HomePage(SingletonModel):
    """The home page's choices (one row)."""

    class Meta:
        verbose_name = "home page"
        db_table = "config_homepage"

    def __str__(self):
        return "Home page"


class Featured(models.Model):
    home = models.ForeignKey(HomePage, on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lowest first.")

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class FeaturedArticle(Featured):
    article = models.ForeignKey(
        "education.Article",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="condition article",
    )

    class Meta(Featured.Meta):
        verbose_name = "featured condition article"
        db_table = "config_featuredarticle"

    def __str__(self):
        return str(self.article)


class FeaturedExercise(Featured):
    exercise = models.ForeignKey(
        "exercises.Exercise",
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"status": "published"},
    )

    class Meta(Featured.Meta):
        verbose_name = "featured exercise"
        db_table = "config_featuredexercise"

    def __str__(self):
        return str(self.exercise)


class FeaturedAnswer(Featured):
    question = models.ForeignKey(
        "questions.Question",
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"status": "published"},
        verbose_name="answer",
    )

    class Meta(Featured.Meta):
        verbose_name = "featured answer"
        db_table = "config_featuredanswer"

    def __str__(self):
        return self.question.public_title


class StaffInvitation(models.Model):
    """An invitation for a staff account to choose its password and set up its
    authenticator (portal.invitations). Only a digest of the link's key is kept. It
    works until it expires or the account has an authenticator; a new invitation for the
    same account replaces it."""

    user = models.ForeignKey(
        "auth.User", on_delete=models.CASCADE, related_name="staff_invitations"
    )
    key_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "staff invitation"
        db_table = "config_staffinvitation"

    def __str__(self):
        return f"Invitation {self.pk}"
