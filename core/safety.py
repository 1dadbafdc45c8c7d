"""The words that keep a patient safe, owned here once: how soon to get help, and the
pain rule for exercise.

Articles, answers, exercises, the program page, the forms, the error pages, printouts
and every email take them from here (through the template tags in
`core.templatetags.safety`, built in to every template), so a sign never says "now" on
one page and "within a few days" on another, `EMERGENCY_NUMBER` is the one number, and
the pain rule is one text.

Sources: the NHS leaflets on cauda equina syndrome (emergency department now for
numbness around the bottom, new bladder or bowel trouble, a suddenly weak leg); the pain
rule follows the pain-monitoring model of the 2019 JOSPT patellofemoral pain guideline
(Willy et al.), set lower than its 5 out of 10 so that one rule fits every exercise.
"""

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

# The words below are written here in English and marked for translation (gettext_noop):
# they stay plain strings, which tests and other modules compare and search, and are
# translated into the reader's language when a page or an email uses them (heading(),
# general_groups(), pain_rule()).

# How soon, most urgent first. "%(number)s" is the clinic's emergency number.
URGENCY = {
    "emergency": _("Call %(number)s or go to the emergency department now if you have:"),
    "today": _("See a doctor or go to urgent care today if you have:"),
    "soon": _("See your doctor within a few days if you have:"),
}

# The signs every patient page, form and email names (an article or an answer adds its
# own). Short items, one sign each, read at grade 8 or lower one by one.
GENERAL_SIGNS = {
    "emergency": [
        _("Numbness between your legs or around your bottom."),
        _("New trouble holding or passing pee or poop (urine or stool)."),
        _("A leg or foot that suddenly becomes weak."),
        _("Chest pain or trouble breathing."),
    ],
    "today": [
        _("A joint that is hot, red and swollen, or a fever with your pain."),
        _("A calf that is swollen, warm and sore."),
        _("Pain after a fall or injury, and you cannot put weight on the leg."),
    ],
}


# The pain rule for every exercise: the exercise pages, handouts, printouts and the home
# program say it in these words, and what a logged pain gets back follows it
# (programs.progress.pain_band).
PAIN_RULE_MAX = 3  # pain up to this, out of 10, is okay during an exercise
PAIN_RULE = _(
    "Pain up to 3 out of 10 (0 is no pain, 10 the worst you can imagine) is okay. Stop if "
    "it goes above 3 or feels sharp. If it is worse the next morning, do less next time."
)


def emergency_number():
    return settings.EMERGENCY_NUMBER


def heading(urgency):
    """The words for how soon, with the clinic's emergency number, in the active language."""
    return gettext(URGENCY[urgency]) % {"number": emergency_number()}


def general_groups():
    """[(heading, signs)] of the signs every patient page names, in the active language."""
    return [
        (heading(urgency), [gettext(sign) for sign in signs])
        for urgency, signs in GENERAL_SIGNS.items()
    ]


def pain_rule():
    """The pain rule in the active language."""
    return gettext(PAIN_RULE)


# The words a PT starts a warning sign's line with, in each language of the site's texts.
URGENCY_PREFIXES = {
    "emergency": "emergency",
    "soon": "soon",
    "urgencia": "emergency",
    "pronto": "soon",
}


def red_flag_groups(text):
    """[(heading, signs)] of a page's own warning signs, most urgent first.

    One sign a line; a line starting "Emergency:" needs the emergency department now, one
    starting "Soon:" a doctor within a few days, any other a doctor today (in a Spanish
    text, "Urgencia:" and "Pronto:").
    """
    groups = {urgency: [] for urgency in URGENCY}
    for line in text.splitlines():
        sign = line.strip(" -*•")
        urgency = "today"
        for prefix, meaning in URGENCY_PREFIXES.items():
            if sign.lower().startswith(prefix + ":"):
                urgency, sign = meaning, sign[len(prefix) + 1 :].strip()
        if sign:
            groups[urgency].append(sign[0].upper() + sign[1:])
    return [(heading(urgency), signs) for urgency, signs in groups.items() if signs]


RED_FLAGS_HELP = (
    "One warning sign per line (sudden swelling, a locked knee, fever…): shown under "
    "“See a doctor or go to urgent care today”. Start a line with “Emergency:” for what "
    "needs the emergency department now, or “Soon:” for a doctor within a few days (in "
    "Spanish, “Urgencia:” and “Pronto:”)."
)
