"""Which URLs this branch has, so that tests for a page from another branch join by themselves."""

from django.urls import Resolver404, resolve


def has_url(path):
    try:
        resolve(path)
    except Resolver404:
        return False
    return True
