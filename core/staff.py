"""Staff outside the admin: what a signed-in staff member may see on the public site."""

from django.conf import settings


def may_preview(request, permission):
    """Whether this request may see unpublished content (a draft's preview): a staff
    member with `permission`, past their second factor when staff need one. A password
    alone opens nothing, in the admin or outside it."""
    user = request.user
    if not user.has_perm(permission):
        return False
    return not settings.STAFF_TWO_FACTOR or user.is_verified()
