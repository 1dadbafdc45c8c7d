"""The audit trail of personal data: who viewed, changed, emailed or erased what, when, from where.

    record(request, AccessRecord.Action.VIEW, question)
    record(None, AccessRecord.Action.ERASE, question, detail="retention period over")

An object names itself in the trail with `audit_label` (a reference code, never a
name or an address); otherwise by its type and id.
"""

from core.middleware import client_address
from core.models import AccessRecord


def label_of(obj):
    return getattr(obj, "audit_label", None) or f"{obj._meta.verbose_name} {obj.pk}"


def record(request, action, obj=None, *, model=None, detail=""):
    """Append one access to the trail. `request` is None for the system (a command)."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    model = model or type(obj)
    return AccessRecord.objects.create(
        user=user if signed_in else None,
        username=user.get_username() if signed_in else "",
        action=action,
        object_type=model._meta.label_lower,
        object_id=str(obj.pk) if obj is not None else "",
        object_label=label_of(obj)[:100] if obj is not None else "",
        detail=detail[:300],
        address=client_address(request) if request is not None else None,
    )
