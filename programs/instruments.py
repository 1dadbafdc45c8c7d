"""The outcome questionnaires every install offers, with their terms of use and sources:
made by `migrate` (a post_migrate receiver, as the staff groups are) where missing, by
code, so a clinic's edits to them are kept and a deleted one does not come back unless
its code is free again.

- NPRS (Numeric Pain Rating Scale): public domain. MCID 2 points (Farrar et al. 2001,
  Pain 94:149-158; Childs et al. 2005, Spine 30:1331-1334). A higher score is worse. The
  Spanish wording is ours: one question and its two ends.
- PSFS (Patient-Specific Functional Scale, Stratford et al. 1995, Physiotherapy Canada
  47:258-263): free to use. The patient names up to 3 activities and rates each 0-10; the
  score is their mean. MCID about 2 points for the mean (Abbott & Schmitt 2014, JOSPT
  44:560-564). English only: a Spanish version must be a validated adaptation.
- LEFS (Lower Extremity Functional Scale, Binkley et al. 1999, Physical Therapy
  79:371-383): free for clinical use (Shirley Ryan AbilityLab Rehabilitation Measures
  Database: cost "Free"). 20 items, 0-4 each, summed 0-80. MCID 9 points (Binkley 1999).
  English only, for the same reason.
"""

NPRS_EN = {
    "code": "nprs",
    "short_name": "NPRS",
    "name": "Numeric Pain Rating Scale (NPRS)",
    "language": "en",
    "instructions": "Choose the one number that best describes your pain.",
    "scale_min": 0,
    "scale_max": 10,
    "answer_labels": "0 = No pain\n10 = Worst pain imaginable",
    "scoring": "sum",
    "higher_is_better": False,
    "minimal_important_change": 2,
    "source": "Farrar et al. 2001, Pain 94:149-158; Childs et al. 2005, Spine 30:1331-1334 "
    "(MCID 2 points).",
    "terms_of_use": "Public domain: free to use without permission.",
    "items": ["Your pain on average over the last 24 hours"],
}
NPRS_ES = {
    **NPRS_EN,
    "code": "nprs-es",
    "name": "Escala numérica del dolor (NPRS)",
    "language": "es",
    "instructions": "Elija el número que mejor describe su dolor.",
    "answer_labels": "0 = Sin dolor\n10 = El peor dolor imaginable",
    "terms_of_use": "Public domain: free to use without permission. Spanish wording by this "
    "project (one question and its two ends).",
    "items": ["Su dolor en promedio en las últimas 24 horas"],
}
PSFS = {
    "code": "psfs",
    "short_name": "PSFS",
    "name": "Patient-Specific Functional Scale (PSFS)",
    "language": "en",
    "instructions": "Name up to 3 important activities that you cannot do, or find hard to "
    "do, because of your problem. Then rate how well you can do each one today.",
    "scale_min": 0,
    "scale_max": 10,
    "answer_labels": "0 = Unable to do it\n10 = Able to do it as well as before my problem",
    "patient_names_items": 3,
    "scoring": "mean",
    "higher_is_better": True,
    "minimal_important_change": 2,
    "source": "Stratford et al. 1995, Physiotherapy Canada 47:258-263; Abbott & Schmitt 2014, "
    "JOSPT 44:560-564 (MCID about 2 points for the mean score).",
    "terms_of_use": "Free to use (Stratford et al. 1995).",
    "items": [],
}
LEFS = {
    "code": "lefs",
    "short_name": "LEFS",
    "name": "Lower Extremity Functional Scale (LEFS)",
    "language": "en",
    "instructions": "We are interested in knowing whether you are having any difficulty at all "
    "with the activities listed below because of your lower limb problem for which you are "
    "currently seeking attention. Please provide an answer for each activity. Today, do you, "
    "or would you, have any difficulty at all with:",
    "scale_min": 0,
    "scale_max": 4,
    "answer_labels": "0 = Extreme difficulty or unable to perform activity\n"
    "1 = Quite a bit of difficulty\n2 = Moderate difficulty\n3 = A little bit of difficulty\n"
    "4 = No difficulty",
    "scoring": "sum",
    "higher_is_better": True,
    "minimal_important_change": 9,
    "source": "Binkley et al. 1999, Physical Therapy 79:371-383 (MCID 9 points).",
    "terms_of_use": "Free for clinical use (Rehabilitation Measures Database, Shirley Ryan "
    "AbilityLab).",
    "items": [
        "Any of your usual work, housework, or school activities.",
        "Your usual hobbies, recreational or sporting activities.",
        "Getting into or out of the bath.",
        "Walking between rooms.",
        "Putting on your shoes or socks.",
        "Squatting.",
        "Lifting an object, like a bag of groceries from the floor.",
        "Performing light activities around your home.",
        "Performing heavy activities around your home.",
        "Getting into or out of a car.",
        "Walking 2 blocks.",
        "Walking a mile.",
        "Going up or down 10 stairs (about 1 flight of stairs).",
        "Standing for 1 hour.",
        "Sitting for 1 hour.",
        "Running on even ground.",
        "Running on uneven ground.",
        "Making sharp turns while running fast.",
        "Hopping.",
        "Rolling over in bed.",
    ],
}
BUILT_IN = [NPRS_EN, NPRS_ES, PSFS, LEFS]


def add_built_in(using="default", **kwargs):
    """Create the built-in questionnaires that are missing (post_migrate receiver)."""
    from programs.models import Questionnaire, QuestionnaireItem

    existing = set(Questionnaire.objects.using(using).values_list("code", flat=True))
    for spec in BUILT_IN:
        if spec["code"] in existing:
            continue
        fields = {key: value for key, value in spec.items() if key != "items"}
        questionnaire = Questionnaire.objects.using(using).create(**fields)
        QuestionnaireItem.objects.using(using).bulk_create(
            QuestionnaireItem(questionnaire=questionnaire, order=n, text=text)
            for n, text in enumerate(spec["items"], start=1)
        )
