from django.contrib import admin

from search.models import SearchSynonym


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """Words patients use next to words clinicians use; the site search treats them as one."""

    list_display = ["term", "equivalents", "language"]
    list_filter = ["language"]
    search_fields = ["term", "equivalents"]
