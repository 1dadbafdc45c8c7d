"""The clinic's brand, set in the admin: logo, colours checked for contrast, tagline."""

import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.colors import contrast
from core.models import SiteBrand
from tests.factories import image_file

pytestmark = pytest.mark.django_db

ADMIN = "/admin/core/sitebrand/"
YELLOW = contrast("#ffcc00", "#ffffff")


def brand_form(**fields):
    data = {
        "logo_alt": "",
        "brand_color": "#0b5c66",
        "accent_color": "#b35c00",
        "tagline": "Physical therapy for the whole family, in Riverbend since 1998.",
        "home_photo_alt": "",
        "share_image_alt": "",
    }
    data.update(fields)
    return data


def stylesheet_of(page):
    return re.search(r'href="(/brand\.css\?v=[^"]+)"', page).group(1)


def test_the_demo_look_is_the_default_and_served_as_custom_properties(client):
    page = client.get("/").content.decode()
    css = client.get(stylesheet_of(page))
    assert css["Content-Type"].startswith("text/css")
    assert "--brand: #0b5c66;" in css.content.decode()
    assert "--bs-link-color" not in css.content.decode()  # the demo's own blue links
    assert "immutable" in css["Cache-Control"]
    # Its address names its content: new rules in a release are a new address.
    assert stylesheet_of(page).endswith(hashlib.sha256(css.content).hexdigest()[:12])
    assert "max-age=60" in client.get("/brand.css?v=old")["Cache-Control"]
    assert "Plain-language answers from physical therapists" in page  # the default tagline


def test_a_new_brand_reaches_every_page_at_once(admin_client, client, page_cache):
    before = client.get("/articles/").content.decode()
    response = admin_client.post(
        ADMIN, brand_form(brand_color="#5b2a86", accent_color="#8a4b00", tagline="Hello Oak Park")
    )
    assert response.status_code == 302
    after = client.get("/articles/").content.decode()
    assert stylesheet_of(after) != stylesheet_of(before)  # the cached page was dropped
    css = client.get(stylesheet_of(after)).content.decode()
    assert "--brand: #5b2a86;" in css and "--accent: #8a4b00;" in css
    assert "--brand-dark: #40" in css  # darker, for hover
    # The clinic's colour reaches the links too (it passed the contrast check on white).
    assert "--bs-link-color: #5b2a86;" in css and "--bs-link-color-rgb: 91, 42, 134;" in css
    assert "Hello Oak Park" in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"brand_color": "#777777"}, "White text on #777777 has a contrast of 4.48 to 1"),
        ({"brand_color": "#2a9d8f"}, "it needs at least 4.5 to 1"),
        ({"accent_color": "#ffcc00"}, f"#ffcc00 on white has a contrast of {YELLOW:.2f} to 1"),
        # 3.09 to 1 on white, but the ring is drawn on the footer's grey too.
        (
            {"accent_color": "#e76f51"},
            "#e76f51 on the light grey of the footer (#f4f6f7) has a contrast of 2.85 to 1",
        ),
        ({"brand_color": "teal"}, "# and six hex digits"),
    ],
)
def test_a_colour_that_fails_contrast_is_refused_with_its_ratio(admin_client, fields, message):
    response = admin_client.post(ADMIN, brand_form(**fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SiteBrand.get_solo().brand_color == "#0b5c66"


def test_the_accent_is_checked_where_the_ring_is_drawn_not_against_the_brand_colour(
    admin_client,
):
    # The ring sits 2 px outside what has focus (a white band around buttons): it meets the
    # page's white and grey, never the brand colour. The demo's own pair is 1.63 to 1.
    assert round(contrast("#b35c00", "#0b5c66"), 2) == 1.63
    response = admin_client.post(ADMIN, brand_form(brand_color="#5a2d82", accent_color="#d9480f"))
    assert response.status_code == 302
    assert SiteBrand.get_solo().accent_color == "#d9480f"


def test_the_contrast_figures_are_wcag_ones():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


def test_a_logo_shows_in_the_header_with_its_alt_text_and_svg_is_refused(admin_client, client):
    refused = admin_client.post(
        ADMIN,
        brand_form(
            logo=SimpleUploadedFile("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
            logo_alt="Oak Park PT",
        ),
    )
    assert "JPEG, PNG or WebP" in refused.content.decode()
    no_alt = admin_client.post(ADMIN, brand_form(logo=image_file("logo.png", fmt="PNG")))
    assert "Describe the picture" in no_alt.content.decode()
    admin_client.post(
        ADMIN, brand_form(logo=image_file("logo.png", fmt="PNG"), logo_alt="Oak Park PT")
    )
    header = client.get("/exercises/").content.decode().split("</header>")[0]
    assert re.search(r'<img src="[^"]+\.webp"[^>]+alt="Oak Park PT" class="site-logo"', header)


def test_only_administrators_change_the_brand(client):
    from portal.roles import PHYSICAL_THERAPISTS
    from tests.factories import make_staff

    client.force_login(make_staff(group=PHYSICAL_THERAPISTS))
    assert client.get(ADMIN).status_code == 403
