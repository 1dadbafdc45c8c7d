def staff(request):
    """Whom staff ask for help, on the sign-in pages (locked out, no invitation)."""
    from django.conf import settings

    return {"staff_help": settings.STAFF_HELP, "invitation_days": settings.STAFF_INVITATION_DAYS}
