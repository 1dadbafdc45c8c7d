"""The clinic's pages: clinic locations and the appointment request form."""

import logging
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django_ratelimit.core import is_ratelimited

from clinic.cta import main_clinic_contact
from clinic.forms import AppointmentRequestForm, local_path, page_title
from clinic.models import AppointmentRequest, BodyRegion, Clinic, Therapist
from clinic.services import request_appointment
from core.antispam import form_over_limit, normalized_phone, over_limit
from core.page_cache import shows
from core.site_address import absolute_url

logger = logging.getLogger(__name__)


def seconds_until_hours_change(clinics, moment=None):
    """Seconds until a clinic shown opens or closes today (None if none does).

    Clinic pages say "Open now"; the page cache keeps them no longer than this.
    """
    local = timezone.localtime(moment or timezone.now())
    changes = [
        timezone.make_aware(datetime.combine(local.date(), at))
        for clinic in clinics
        for hours in clinic.opening_hours.all()
        if hours.weekday == local.weekday()
        for at in (hours.opens, hours.closes)
        if at > local.time()
    ]
    return max(1, int((min(changes) - local).total_seconds()) + 1) if changes else None


class ClinicListView(ListView):
    template_name = "clinic/clinic_list.html"
    context_object_name = "clinics"

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        seconds = seconds_until_hours_change(context["clinics"])
        if seconds:
            response.page_cache_seconds = seconds
        return response

    def get_queryset(self):
        return Clinic.objects.active().with_hours()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shows(self.request)  # clinics only: a change to one forgets every page anyway
        context["now"] = timezone.localtime()
        return context


class ClinicDetailView(DetailView):
    template_name = "clinic/clinic_detail.html"
    context_object_name = "clinic"

    def get_queryset(self):
        return (
            Clinic.objects.active()
            .with_hours()
            .prefetch_related(
                Prefetch("therapists", queryset=Therapist.objects.active(), to_attr="team")
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shows(self.request)  # clinics only: a change to one forgets every page anyway
        clinic = self.object
        context["week"] = clinic.week()
        context["json_ld"] = clinic.json_ld(absolute_url(clinic.get_absolute_url()))
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        seconds = seconds_until_hours_change([self.object])
        if seconds:
            response.page_cache_seconds = seconds
        return response


# --- Booking ------------------------------------------------------------------

BOOKING_RATE = "5/h"


def _over_phone_limit(request, phone):
    # Per phone number, like over_limit() does per email address, however it is written.
    number = normalized_phone(phone) if phone else ""
    if not number or not settings.RATELIMIT_ENABLE:
        return False
    return is_ratelimited(
        request,
        group="book-phone",
        key=lambda _group, _request: number,
        rate=BOOKING_RATE,
        increment=True,
    )


@method_decorator(never_cache, name="dispatch")
class BookView(FormView):
    """/book/: the appointment request form. ?from= and ?region= come from the page that sent the patient."""

    # A database restart while saving gives a 503 page holding the form as typed.
    keep_form_when_database_is_down = True

    template_name = "clinic/book.html"
    form_class = AppointmentRequestForm

    def get_initial(self):
        initial = {"source": local_path(self.request.GET.get("from"))}
        region = self.request.GET.get("region")
        if region:
            initial["body_region"] = BodyRegion.objects.filter(slug=region).first()
        clinic = self.request.GET.get("clinic")
        if clinic:
            initial["clinic"] = Clinic.objects.active().filter(slug=clinic).first()
        return initial

    def form_valid(self, form):
        thanks = reverse("clinic:book_thanks")
        if form.looks_like_a_bot:
            # A bot gets the page a person would, and nothing is kept.
            return HttpResponseRedirect(thanks)
        data = form.cleaned_data
        # The same form sent again (a double tap, a retry) is the same request, not one more.
        sent_before = bool(form.submission_id) and (
            AppointmentRequest.objects.filter(submission=form.submission_id).exists()
        )
        limited = over_limit(
            self.request, "book", email=data["email"], rate=BOOKING_RATE, address_rate="30/h"
        )
        limited |= _over_phone_limit(self.request, data["phone"])
        if limited and not sent_before:
            return form_over_limit(self, form)
        request_appointment(
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            clinic=data["clinic"],
            preferred_days=data["preferred_days"],
            preferred_times=data["preferred_times"],
            body_region=data["body_region"],
            reason=data["reason"],
            has_referral=data["has_referral"],
            insurance=data["insurance"],
            source_path=data["source"],
            source_title=page_title(self.request, data["source"]) if data["source"] else "",
            site_url=settings.SITE_URL,
            submission=form.submission_id,
        )
        if data["clinic"]:
            thanks += "?" + urlencode({"clinic": data["clinic"].slug})
        return HttpResponseRedirect(thanks)


@method_decorator(never_cache, name="dispatch")
class BookThanksView(TemplateView):
    template_name = "clinic/book_thanks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        slug = self.request.GET.get("clinic")
        clinic = Clinic.objects.active().filter(slug=slug).first() if slug else None
        context["contact_clinic"] = (
            {"name": clinic.name, "phone": clinic.phone, "phone_href": clinic.phone_href}
            if clinic
            else main_clinic_contact()
        )
        return context
