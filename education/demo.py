"""Demo articles and conditions, written for this project in plain language.

Every article is checked by tests/education/test_demo_content.py to read at US school
grade 8 or lower with the same library the admin uses, and by
tests/education/test_content_readability.py one sentence at a time.

Urgent words ("call 911", "the emergency department") are never written here: a warning
sign line starting "Emergency:" is shown under core.safety's own words for it.
"""

from datetime import date

from clinic.models import BodyRegion, Therapist
from education.models import (
    Article,
    ArticleTranslation,
    Condition,
    ConditionTranslation,
    ExerciseCaution,
    KeyPoint,
    Reference,
)
from exercises.models import Exercise

CONDITIONS = [
    # slug, name (the lay name first), region, also known as
    (
        "patellofemoral-pain",
        "Kneecap pain (patellofemoral pain)",
        "knee",
        "kneecap pain, runner's knee, knock knees, genu valgum, PFPS, patellofemoral pain",
    ),
    (
        "it-band-pain",
        "IT band pain (outside of the knee)",
        "knee",
        "iliotibial band syndrome, ITBS",
    ),
    (
        "flat-feet",
        "Flat feet and feet that roll in",
        "ankle-foot",
        "fallen arches, pes planus, overpronation",
    ),
    ("hip-weakness", "Weak hip muscles", "hip", "gluteal weakness, hip drop"),
    (
        "side-hip-pain",
        "Pain on the outside of the hip (gluteal tendon pain)",
        "hip",
        "gluteal tendinopathy, trochanteric bursitis, greater trochanteric pain syndrome, "
        "GTPS, lateral hip pain",
    ),
    (
        "plantar-heel-pain",
        "Heel pain (plantar fasciitis)",
        "ankle-foot",
        "plantar fasciitis, plantar heel pain",
    ),
]

# Their Spanish: the name (the lay name first) and other names.
SPANISH_CONDITIONS = {
    "patellofemoral-pain": (
        "Dolor de rótula (dolor patelofemoral)",
        "dolor alrededor de la rótula, rodilla de corredor, rodillas en X, genu valgo",
    ),
    "it-band-pain": ("Dolor de la banda iliotibial (por fuera de la rodilla)", ""),
    "flat-feet": ("Pies planos y pies que se van hacia adentro", "arco caído"),
    "hip-weakness": ("Músculos de la cadera débiles", "cadera que cae"),
    "side-hip-pain": ("Dolor por fuera de la cadera (tendón del glúteo)", "bursitis de cadera"),
    "plantar-heel-pain": ("Dolor de talón (fascitis plantar)", "fascitis plantar"),
}

# The sources the demo pages cite, in full; answers cite them too (questions/demo.py).
SOURCES = {
    "pfp-guideline": (
        "Willy RW, Hoglund LT, Barton CJ, et al. Patellofemoral pain: clinical practice "
        "guidelines linked to the International Classification of Functioning, Disability "
        "and Health from the Academy of Orthopaedic Physical Therapy of the American "
        "Physical Therapy Association. Journal of Orthopaedic & Sports Physical Therapy. "
        "2019;49(9):CPG1-CPG95.",
        "https://doi.org/10.2519/jospt.2019.0302",
    ),
    "pfp-consensus-2016-part-2": (
        "Crossley KM, van Middelkoop M, Callaghan MJ, et al. 2016 Patellofemoral pain "
        "consensus statement from the 4th International Patellofemoral Pain Research "
        "Retreat, Manchester. Part 2: recommended physical interventions (exercise, taping, "
        "bracing, foot orthoses and combined interventions). British Journal of Sports "
        "Medicine. 2016;50(14):844-852.",
        "https://doi.org/10.1136/bjsports-2016-096268",
    ),
    "pfp-consensus-2018": (
        "Collins NJ, Barton CJ, van Middelkoop M, et al. 2018 Consensus statement on "
        "exercise therapy and physical interventions (orthoses, taping and manual therapy) "
        "to treat patellofemoral pain: recommendations from the 5th International "
        "Patellofemoral Pain Research Retreat, Gold Coast, Australia, 2017. British Journal "
        "of Sports Medicine. 2018;52(18):1170-1178.",
        "https://doi.org/10.1136/bjsports-2018-099397",
    ),
    "nhs-knock-knees": (
        "NHS. Knock knees. Health A to Z, nhs.uk.",
        "https://www.nhs.uk/conditions/knock-knees/",
    ),
    "scfe": (
        "Peck DM, Voss LM, Voss TT. Slipped capital femoral epiphysis: diagnosis and "
        "management. American Family Physician. 2017;95(12):779-784.",
        "https://www.aafp.org/pubs/afp/issues/2017/0615/p779.html",
    ),
    "itb-runners": (
        "Baker RL, Fredericson M. Iliotibial band syndrome in runners: biomechanical "
        "implications and exercise interventions. Physical Medicine and Rehabilitation "
        "Clinics of North America. 2016;27(1):53-77.",
        "https://doi.org/10.1016/j.pmr.2015.08.001",
    ),
    "nhs-flat-feet": (
        "NHS. Flat feet. Health A to Z, nhs.uk.",
        "https://www.nhs.uk/conditions/flat-feet/",
    ),
    "nice-diabetic-foot": (
        "National Institute for Health and Care Excellence. Diabetic foot problems: "
        "prevention and management. NICE guideline NG19. 2015, updated 2019.",
        "https://www.nice.org.uk/guidance/ng19",
    ),
    "gluteal-tendinopathy-review": (
        "Grimaldi A, Mellor R, Hodges P, Bennell K, Wajswelner H, Vicenzino B. Gluteal "
        "tendinopathy: a review of mechanisms, assessment and management. Sports Medicine. "
        "2015;45(8):1107-1119.",
        "https://doi.org/10.1007/s40279-015-0336-5",
    ),
    "gluteal-tendinopathy-trial": (
        "Mellor R, Bennell K, Grimaldi A, et al. Education plus exercise versus "
        "corticosteroid injection use versus a wait and see approach on global outcome and "
        "pain from gluteal tendinopathy: prospective, single blinded, randomised clinical "
        "trial. BMJ. 2018;361:k1662.",
        "https://doi.org/10.1136/bmj.k1662",
    ),
    # The trial's protocol gives the exercise doses (Table 3): the side-hip hold's is its
    # week-1 "static abduction" in lying (light effort, hold 5-10 s, 3-5 times, twice a day).
    "gluteal-tendinopathy-protocol": (
        "Mellor R, Grimaldi A, Wajswelner H, et al. Exercise and load modification versus "
        "corticosteroid injection versus 'wait and see' for persistent gluteus "
        "medius/minimus tendinopathy (the LEAP trial): a protocol for a randomised clinical "
        "trial. BMC Musculoskeletal Disorders. 2016;17:196.",
        "https://doi.org/10.1186/s12891-016-1043-6",
    ),
    "heel-pain-guideline": (
        "Koc TA Jr, Bise CG, Neville C, Carreira D, Martin RL, McDonough CM. Heel pain - "
        "plantar fasciitis: revision 2023. Clinical practice guidelines linked to the "
        "International Classification of Functioning, Disability and Health from the "
        "Academy of Orthopaedic Physical Therapy and American Academy of Sports Physical "
        "Therapy of the American Physical Therapy Association. Journal of Orthopaedic & "
        "Sports Physical Therapy. 2023;53(12):CPG1-CPG39.",
        "https://doi.org/10.2519/jospt.2023.0303",
    ),
    "heel-pain-best-practice": (
        "Morrissey D, Cotchett M, Said J'Bari A, et al. Management of plantar heel pain: a "
        "best practice guide informed by a systematic review, expert clinical reasoning and "
        "patient values. British Journal of Sports Medicine. 2021;55(19):1106-1118.",
        "https://doi.org/10.1136/bjsports-2019-101970",
    ),
}

# Warning signs that several pages share, one sign a line (see core.safety.red_flag_groups).
# A child or teen with a limp and pain anywhere from the hip to the knee may have a slipped
# growth plate at the hip (slipped capital femoral epiphysis): a doctor the same day, and
# the emergency department if they cannot walk on the leg (Peck et al. 2017, "scfe").
CHILD_LIMP = (
    "A child or teen (about 8 to 16) with a limp and pain in the hip, groin, thigh or knee. "
    "Have the hip checked. A slipped growth plate at the hip can feel like knee pain. The "
    "growth plate is the soft part near the end of a child's bone, where it grows"
)
CHILD_CANNOT_WALK = (
    "Emergency: a child or teen with pain in the hip, groin, thigh or knee who cannot walk "
    "on the leg"
)
KNEE_SIGNS = (
    "Your knee swelled up fast after a fall or twist\n"
    "Your knee locks and you cannot straighten it\n"
    "You cannot put weight on your leg\n"
    "A fever, or a hot, red knee\n"
    f"{CHILD_LIMP}\n"
    f"{CHILD_CANNOT_WALK}\n"
)
STRESS_FRACTURE = "It can be a stress fracture (a small crack in the bone from overuse)"
# How often, said the same way on every page that gives it (S5 of the 2026-12 review).
HOW_OFTEN = (
    "Do strength exercises 3 days a week, with a rest day between. Balance and foot "
    "exercises can be done most days."
)
# Kneecap pain often comes back (Collins 2018: it persists in about half of people).
KNEECAP_OUTLOOK = (
    "Exercise helps most people feel better within 6 to 12 weeks. For about half, the pain "
    "comes and goes for years, so keep a few exercises going and build up slowly."
)
KNEECAP_OUTLOOK_KEY_POINT = "It often gets better with the right exercise, but can come back."
# Hands-on treatment as the 2016 consensus (part 2) puts it: not a treatment on its own.
BY_HAND = "This can ease pain for a short time alongside exercise, but does not fix it on its own."
# The side-hip hold as the LEAP trial protocol doses it (Mellor 2016, Table 3, week 1).
SIDE_HIP_HOLD_HOW = (
    "Lie on your back with a belt around your knees. Press out gently, about a quarter of "
    "your strength, and hold for 5 to 10 seconds. Do this 3 to 5 times, twice a day."
)
# Exercises that squeeze a sore tendon on the outside of the hip (Grimaldi 2015).
SIDE_HIP_WAIT = (
    "If the outside of your hip hurts, this can squeeze the sore tendon. Start with the "
    "side-hip hold or the glute bridge instead."
)

ARTICLES = [
    {
        "slug": "knock-knees",
        "exercises": ["wall-sit", "step-down", "hip-hike", "clamshell", "runners-march"],
        "title": "Knock knees and pain around the kneecap",
        "summary": (
            "Knees that turn in toward each other, and an ache at the front of the knee: "
            "what it means for adults and for children, and what helps."
        ),
        "regions": ["knee", "hip"],
        "conditions": ["patellofemoral-pain", "hip-weakness"],
        "author": "maya-okafor",
        "reviewer": "daniel-reyes",
        "what_it_is": (
            '"Knock knees" means your knees point in toward each other when you stand, '
            "walk or squat. Some people are built this way. In others, the knees only drift "
            "in when they move.\n\n"
            "When the knee drifts in, the kneecap may not glide well in its groove. The tissue "
            "under it can get more load than it can handle. Pain around or behind the "
            "kneecap is called **patellofemoral pain**. It is one of the most common knee "
            "problems in active teens and adults.\n\n"
            "**In young children, knock knees are normal.** Most children have them from "
            "about age 2 to 7. The legs then straighten by themselves. Exercise does not "
            "change the shape of the bones. A child whose legs are straightening needs no "
            "treatment. Take your child to a doctor if:\n\n"
            "- the ankles are more than 8 cm (3 inches) apart when the knees touch\n"
            "- only one leg turns in\n"
            "- it is getting worse\n"
            "- your child is under 2 or over 7\n"
            "- there is pain or a limp\n\n"
            "**In adults,** see a doctor if your knees start to turn in, or one turns in more "
            "than the other. Arthritis or an old injury can cause it."
        ),
        "symptoms": (
            "- A dull ache around or behind the kneecap\n"
            "- Pain when you go up or down stairs, squat or kneel\n"
            "- Pain after you sit for a long time with your knees bent\n"
            "- A grinding or clicking feeling, often without pain\n"
        ),
        "causes": (
            "There is rarely one cause. Several things can add up:\n\n"
            "- **Doing too much too soon.** A jump in running, jumping or stairs gives the "
            "knee more load than it is used to. This is the most common reason.\n"
            "- **Weak thigh and hip muscles.** The thigh muscles (quadriceps) control the "
            "kneecap. The muscles on the side and back of your hip help hold your thigh in "
            "line. When they are weak or tired, the knee may drift in.\n"
            "- **Feet that roll in.** In some people, the shin and knee turn in with the "
            "foot.\n"
        ),
        "when_to_see_pt": (
            "See a physical therapist if the pain lasts more than two weeks. Also see one if "
            "it keeps you from sport or stairs, or keeps coming back. A physical therapist "
            "(PT) watches how you stand, squat and step. This shows where the problem "
            "starts. Then you get a plan that fits you."
        ),
        "treatment": (
            "Most people get better without surgery. What helps most is to make the thigh "
            "and hip muscles stronger, together.\n\n"
            "- **At the clinic**, a PT may tape the kneecap to ease pain for a short time. "
            "They may also move the knee, and the muscles and tissue around it, by hand. "
            f"{BY_HAND} Most of all, a PT teaches you exercises and checks your form.\n"
            "- **At home**, do the thigh and hip exercises below. This helps most people "
            "more than either one alone. Cut back on what hurts for a while, but keep "
            "moving. Cycling and walking on flat ground are often fine.\n"
            "- **Shoe inserts** can ease kneecap pain for a few weeks in some people.\n"
            "- **Ice** wrapped in a cloth, for 10 to 15 minutes, can ease pain after "
            "activity.\n\n"
            f"{KNEECAP_OUTLOOK}\n\n"
            "> **How much pain is okay?** Think of pain on a scale from 0 (no pain) to 10 "
            "(the worst pain you can imagine). During exercise, pain up to 3 out of 10 is "
            "okay. Stop if it goes above 3 or feels sharp. If your knee is worse the next "
            "morning, do less next time."
        ),
        "exercises_intro": (
            "These exercises make the thigh and hip muscles stronger. Start with the wall "
            "sit and the hip hike. Add the step-down when those feel easy. "
            f"{HOW_OFTEN} Stop if the pain goes above 3 out of 10 or feels sharp."
        ),
        "red_flags": (
            f"{KNEE_SIGNS}"
            "Soon: your knee gives way again and again\n"
            "Soon: numbness or tingling in your leg or foot\n"
            "Soon: a child's knock knees are getting worse, or are on one side only\n"
            "Soon: a child's ankles are more than 8 cm (3 inches) apart when the knees touch\n"
            "Soon: your knees started to turn in as an adult, or one more than the other"
        ),
        "key_points": [
            "Knock knees are normal in children from about age 2 to 7.",
            "In teens and adults, pain at the front of the knee is common. "
            + KNEECAP_OUTLOOK_KEY_POINT,
            "Strong thigh and hip muscles, built up together, help most people.",
            "Pain up to 3 out of 10 during exercise is okay. Stop if it goes higher or feels "
            "sharp.",
            "A child or teen with knee pain and a limp needs a doctor today, to check the hip.",
            "A physical therapist can check how you move and make a plan.",
        ],
        "references": [
            SOURCES["nhs-knock-knees"],
            SOURCES["pfp-consensus-2016-part-2"],
            SOURCES["pfp-consensus-2018"],
            SOURCES["pfp-guideline"],
            SOURCES["scfe"],
        ],
        "checked_against": (
            "NHS knock knees page (children; adults whose knees start to turn in); 2016 "
            "consensus part 2; 2018 consensus; JOSPT 2019 patellofemoral pain guideline; Peck "
            "2017 (SCFE: limping child or teen)"
        ),
    },
    {
        "slug": "runners-knee",
        "exercises": ["wall-sit", "step-down", "hip-hike", "glute-bridge"],
        "title": "Runner's knee: pain at the front of the knee when you run",
        "summary": (
            "Runner's knee is an ache around the kneecap that comes on with running. "
            "Changing your training and making your thighs and hips stronger usually helps."
        ),
        "regions": ["knee"],
        "conditions": ["patellofemoral-pain"],
        "author": "daniel-reyes",
        "reviewer": "maya-okafor",
        "what_it_is": (
            "Runner's knee is a common name for pain around the kneecap in people who run. "
            "Doctors call it patellofemoral pain. It is not an injury to one spot. The knee "
            "is just getting more load than it can handle right now."
        ),
        "symptoms": (
            "- An ache around the kneecap during or after a run\n"
            "- Pain that is worse running downhill or on stairs\n"
            "- Stiffness after sitting with bent knees\n"
        ),
        "causes": (
            "- A quick rise in how far, how fast or how often you run\n"
            "- Many hills or stairs in a short time\n"
            "- Weak thigh and hip muscles\n"
            "- Long strides, where the foot lands far in front of the body\n"
        ),
        "when_to_see_pt": (
            "See a physical therapist if the pain does not ease after two weeks of lighter "
            "running. Also see one if it changes how you run. A physical therapist (PT) can "
            "look at your running and your strength, and plan a safe return."
        ),
        "treatment": (
            "- Run less for a while, not zero. Keep runs short and easy, on flat ground.\n"
            "- Take slightly shorter, quicker steps. This eases the load on the knee.\n"
            "- Make your thighs and hips stronger, together, 3 days a week. Leave a rest "
            "day between.\n"
            "- Add distance slowly once runs feel good. Leave hills and downhill runs until "
            "last.\n"
            "- Pain up to 3 out of 10 during a run is okay if it settles by the next "
            "morning.\n"
            "- Knee braces and sleeves are not advised. Taping by a physical therapist, or "
            "shoe inserts, can ease pain for a few weeks while you build strength.\n\n"
            f"{KNEECAP_OUTLOOK}"
        ),
        "exercises_intro": (
            "These exercises make your thigh and hip muscles stronger. Start with the wall "
            "sit and the hip hike. Add the step-down when those feel easy."
        ),
        "red_flags": (
            f"{KNEE_SIGNS}"
            "Soon: pain in one spot on a bone of your shin or foot. It gets worse with each "
            f"run, or hurts at rest or at night. {STRESS_FRACTURE}\n"
            "Soon: your knee gives way again and again"
        ),
        "key_points": [
            "Runner's knee means the knee has more load than it can handle right now.",
            "Run less for a while, but do not stop moving.",
            "Shorter, quicker steps ease the load on the knee.",
            "Strong thigh and hip muscles, built up together, help most runners.",
            KNEECAP_OUTLOOK_KEY_POINT,
        ],
        "references": [
            SOURCES["pfp-guideline"],
            SOURCES["pfp-consensus-2016-part-2"],
            SOURCES["pfp-consensus-2018"],
            SOURCES["scfe"],
        ],
        "checked_against": (
            "JOSPT 2019 patellofemoral pain guideline; 2016 consensus part 2; 2018 consensus; "
            "Peck 2017 (SCFE: limping child or teen)"
        ),
    },
    {
        "slug": "it-band-pain",
        "exercises": ["side-lying-leg-raise", "clamshell", "hip-hike"],
        "title": "IT band pain: an ache on the outside of the knee",
        "summary": (
            "Pain on the outer side of the knee in runners and cyclists is often IT band "
            "pain. Rest from the hard part, hip strength and a slow return help most people."
        ),
        "regions": ["knee", "hip"],
        "conditions": ["it-band-pain", "hip-weakness"],
        "author": "maya-okafor",
        "reviewer": "daniel-reyes",
        "what_it_is": (
            "The IT band is a long, strong band of tissue. It runs down the outside of your "
            "thigh, from the hip to just below the knee. Where it passes the knee, the tissue "
            "under it can get sore. This is IT band pain."
        ),
        "symptoms": (
            "- A sharp or burning pain on the outside of the knee\n"
            "- Pain that starts at about the same point in every run or ride\n"
            "- Pain that is worse going downhill\n"
        ),
        "causes": (
            "- Running or cycling more than usual\n"
            "- Many downhill runs\n"
            "- Weak hip muscles, so the thigh drifts in\n"
            "- A bike seat that is too high or too low\n"
        ),
        "when_to_see_pt": (
            "See a physical therapist if the pain stops you from running or riding for "
            "more than two weeks. A physical therapist (PT) can find the cause and plan your "
            "return."
        ),
        "treatment": (
            "- Cut back on the activity that brings the pain on, for a short time.\n"
            "- Make the side hip muscles stronger, 3 days a week.\n"
            "- Come back slowly: short, flat runs first.\n\n"
            "Stretching the IT band itself does little. The band is very stiff by nature. "
            "Strength work helps more."
        ),
        "exercises_intro": "These exercises make the side hip muscles stronger.",
        "red_flags": (
            f"{KNEE_SIGNS}"
            "Soon: pain in one spot on a bone of your shin or foot. It gets worse with each "
            f"run, or hurts at rest or at night. {STRESS_FRACTURE}"
        ),
        "key_points": [
            "IT band pain is felt on the outside of the knee.",
            "It often starts after a jump in running or cycling.",
            "Strong side hip muscles help more than stretching.",
            "A child or teen with knee pain and a limp needs a doctor today, to check the hip.",
        ],
        "references": [SOURCES["itb-runners"], SOURCES["scfe"]],
        "checked_against": (
            "Baker and Fredericson 2016 review of ITB syndrome in runners; Peck 2017 (SCFE: "
            "limping child or teen)"
        ),
    },
    {
        "slug": "flat-feet",
        "exercises": ["short-foot", "calf-raise", "runners-march"],
        "title": "Flat feet and feet that roll in",
        "summary": (
            "Many people with flat feet have no pain at all. When flat feet do hurt, strong "
            "foot muscles and good shoes can help."
        ),
        "regions": ["ankle-foot", "knee"],
        "conditions": ["flat-feet", "patellofemoral-pain"],
        "author": "daniel-reyes",
        "reviewer": "maya-okafor",
        "what_it_is": (
            "A flat foot has a low arch, or an arch that drops when you stand. When the arch "
            "drops, the foot rolls in. This is called **overpronation**. Some rolling in is "
            "normal. It helps the foot take in the shock of each step.\n\n"
            "**In children, flat feet are normal.** Babies and young children have flat "
            "feet, and most grow an arch as they get older. A child's flat feet need a "
            "doctor only if they hurt, are stiff, or are flat on one side only."
        ),
        "symptoms": (
            "Most flat feet do not hurt. When they do, you may notice:\n\n"
            "- Tired or sore arches after standing or walking\n"
            "- Pain on the inside of the ankle\n\n"
            "Some people with flat feet also have knee pain. Foot exercises or insoles can "
            "help some of them.\n"
        ),
        "causes": (
            "- The shape you were born with\n"
            "- Weak muscles in the foot and lower leg\n"
            "- Weight gain or pregnancy\n"
            "- In older adults, wear of a tendon on the inside of the ankle. A tendon is a "
            "cord that joins a muscle to a bone.\n"
        ),
        "when_to_see_pt": (
            "See a physical therapist if your feet or knees hurt often, or if one arch "
            "drops more than the other. See your doctor within a few days if one foot "
            "becomes flat over a few weeks. This is true with or without pain on the inside "
            "of the ankle.\n\n"
            "**If you have diabetes or numb feet**, see a doctor the same day if a foot "
            "becomes warm, red or swollen, or changes shape. This can happen without pain. "
            "The foot needs care at once to save its shape."
        ),
        "treatment": (
            "- Make the small foot muscles and calf muscles stronger. Foot exercises can be "
            "done most days. Do calf raises 3 days a week.\n"
            "- Wear shoes with good support for long days on your feet.\n"
            "- Shoe inserts can ease pain for some people. A physical therapist (PT) can "
            "help you choose.\n"
            "- Foot pain from flat feet often eases within a few months of exercise. It can "
            "come back after long days on your feet, so keep the exercises going.\n"
        ),
        "exercises_intro": "These exercises make the foot and calf muscles stronger.",
        "red_flags": (
            "You have diabetes or numb feet, and a foot is warm, swollen or changing shape, "
            "even without pain\n"
            "You cannot put weight on your foot after a fall or twist\n"
            "Soon: one foot became flat over a few weeks\n"
            "Soon: you cannot stand on your toes on one side\n"
            "Soon: new numbness in your foot\n"
            "Soon: a child's flat feet hurt, are stiff, or are flat on one side only"
        ),
        "key_points": [
            "Flat feet are common and often cause no pain.",
            "Some people with flat feet also have knee pain. Foot exercises or insoles help "
            "some of them.",
            "Strong foot and calf muscles support the arch.",
            "Shoe inserts help some people but are not always needed.",
            "Diabetes or numb feet? A warm, swollen foot needs a doctor the same day.",
        ],
        "references": [SOURCES["nhs-flat-feet"], SOURCES["nice-diabetic-foot"]],
        "checked_against": "NHS flat feet page; NICE NG19 for the diabetic foot warning",
    },
    {
        "slug": "hip-weakness",
        "exercises": [
            "side-hip-hold",
            "glute-bridge",
            "clamshell",
            "side-lying-leg-raise",
            "hip-hike",
        ],
        # Wait with these if the outside of the hip hurts (gluteal tendon pain): they squeeze
        # the tendon (Grimaldi 2015); the side-hip hold and the bridge come first.
        "exercise_cautions": [
            ("clamshell", "delay", SIDE_HIP_WAIT),
            ("side-lying-leg-raise", "delay", SIDE_HIP_WAIT),
            ("hip-hike", "delay", SIDE_HIP_WAIT),
        ],
        "title": "Weak hip muscles: what they do, and how to make them stronger",
        "summary": (
            "The muscles on the side of your hip keep your pelvis (the bowl of bone at your "
            "hips) level. Weak side hip muscles are common in people with knee, hip or back "
            "pain. Making them stronger is part of the treatment for some of these problems."
        ),
        "regions": ["hip", "knee"],
        "conditions": ["hip-weakness", "side-hip-pain"],
        "author": "maya-okafor",
        "reviewer": "daniel-reyes",
        "what_it_is": (
            "Your gluteal muscles, or glutes, are on the back and side of your hip. The side "
            "ones keep your pelvis level when you stand on one leg. You do this with every "
            "step. When these muscles are weak, the other side of the pelvis can dip, and "
            "the knee may drift in."
        ),
        "symptoms": (
            "Weak hips do not always hurt by themselves. You may notice:\n\n"
            "- Your hip drops on one side when you walk\n"
            "- Your knee turns in when you squat or go down stairs\n"
            "- Pain on the outside of the hip, mainly when you lie on that side\n\n"
            "Weak side hip muscles are also common in people with knee or low back pain.\n\n"
            "> **Is a child or teen limping?** A child or teen with a limp and pain in the "
            "hip, groin, thigh or knee needs a doctor today, to check the hip. See the box "
            "\u201cWhen to get help\u201d on this page."
        ),
        "causes": (
            "- Sitting for much of the day\n"
            "- Time off after an injury or surgery\n"
            "- Pain, which makes the body use the muscles less\n"
        ),
        "when_to_see_pt": (
            "See a physical therapist if you have hip, knee or back pain that does not get "
            "better. Also see one if you feel unsteady on one leg. A physical therapist (PT) "
            "can test your strength and show you where to start."
        ),
        "treatment": (
            "Strength comes back with regular, steady work.\n\n"
            "> **Pain on the outside of the hip?** Pain over the bony point on the outside "
            "of the hip often comes from the tendons there. Tendons are cords that join "
            "muscle to bone. This pain is often worse when you lie on that side or climb "
            "stairs. Moves that squeeze these tendons can make it worse. So for now:\n"
            ">\n"
            "> - Do not cross your legs.\n"
            "> - Do not lie on the sore side.\n"
            "> - Do not stand with your weight on one hip.\n"
            "> - Leave out stretches that pull the leg across your body.\n"
            "> - Wait with the clamshell, the side-lying leg raise and the hip hike. Ask a PT "
            "when the tendon is ready.\n"
            ">\n"
            f"> **Start with the side-hip hold.** {SIDE_HIP_HOLD_HOW} The glute bridge is a "
            "good next step. This kind of plan helps most people within a few months.\n\n"
            "- Do the other hip exercises 3 days a week, with a rest day between.\n"
            "- Start easy. Add more when it feels easy.\n"
            "- Progress to standing exercises, like a hip hike on a step.\n"
        ),
        "exercises_intro": (
            "These exercises work the side and back hip muscles. If the outside of your hip "
            "hurts, start with the side-hip hold and the glute bridge."
        ),
        "red_flags": (
            "Emergency: numbness between your legs or around your bottom\n"
            "Emergency: new trouble holding or passing pee or poop (urine or stool)\n"
            "Emergency: a leg that suddenly becomes weak\n"
            f"{CHILD_CANNOT_WALK}\n"
            "Hip pain after a fall, mainly in older adults\n"
            "You cannot put weight on your leg\n"
            "A fever with hip pain\n"
            f"{CHILD_LIMP}\n"
            "Soon: groin pain that gets worse with each run or walk, or hurts at night. "
            f"{STRESS_FRACTURE}"
        ),
        "key_points": [
            "The side hip muscles keep your pelvis level with each step.",
            "Weak side hip muscles are common in people with knee, hip or back pain. Making "
            "them stronger is part of the treatment for some of these problems.",
            "Pain on the outside of the hip? Do not lie on that side or cross your legs. "
            "Start with the side-hip hold.",
            "Most hip strength exercises are done 3 days a week.",
            "A child or teen with a limp and hip or knee pain needs a doctor today.",
        ],
        "references": [
            SOURCES["gluteal-tendinopathy-review"],
            SOURCES["gluteal-tendinopathy-trial"],
            SOURCES["gluteal-tendinopathy-protocol"],
            SOURCES["scfe"],
        ],
        "checked_against": (
            "Grimaldi 2015 review and Mellor 2018 trial on side-of-hip tendon pain; the "
            "trial's protocol (Mellor 2016, Table 3) for the side-hip hold dose; Peck 2017 "
            "(SCFE: limping child or teen)"
        ),
    },
    {
        "slug": "heel-pain",
        "exercises": ["calf-raise", "short-foot"],
        "title": "Heel pain in the morning (plantar fasciitis)",
        "summary": (
            "Sharp heel pain with your first steps in the morning is often plantar heel "
            "pain. Most people get better, but it often takes several months, and for some "
            "people longer."
        ),
        "regions": ["ankle-foot"],
        "conditions": ["plantar-heel-pain"],
        "author": "daniel-reyes",
        "reviewer": "maya-okafor",
        "what_it_is": (
            "The plantar fascia is a thick band of tissue under your foot. It runs from your "
            "heel to your toes and supports your arch. Where it joins the heel, it can get "
            "sore when it takes more load than it is used to."
        ),
        "symptoms": (
            "- Sharp pain under the heel with your first steps in the morning\n"
            "- Pain after you stand up from sitting\n"
            "- Pain that eases as you walk, then comes back after a long day\n"
        ),
        "causes": (
            "- Standing or walking a lot, mainly on hard floors\n"
            "- A quick rise in running or walking\n"
            "- Tight calf muscles\n"
            "- Weight gain\n"
        ),
        "when_to_see_pt": (
            "See a physical therapist if the pain lasts more than a few weeks, or if it "
            "makes you limp. A physical therapist (PT) can check your foot, calf and how you "
            "walk."
        ),
        "treatment": (
            "- Stretch your calf and the bottom of your foot, mainly before your first "
            "steps in the morning. For the foot, sit and pull your toes back toward your "
            "shin. For the calf, lean on a wall with the sore leg straight behind you.\n"
            "- Make your calf and foot muscles stronger.\n"
            "- A physical therapist can tape your foot to ease the pain.\n"
            "- Wear shoes with a cushioned heel. Avoid going barefoot on hard floors.\n"
            "- Ease back on long walks or runs for a while.\n\n"
            "If it has not settled after a few months, ask about shockwave treatment or "
            "insoles made for your feet. Shockwave treatment sends strong pulses of sound "
            "into the sore spot. It often takes several months to get better, and for some "
            "people longer."
        ),
        "exercises_intro": "These exercises build calf and foot strength.",
        "red_flags": (
            "Heel pain after a fall or jump, with swelling or bruising\n"
            "You cannot put weight on your foot\n"
            "A fever, or a hot, red foot\n"
            "Soon: pain when you squeeze the sides of your heel bone, or pain that gets worse "
            f"with each run or walk. {STRESS_FRACTURE}\n"
            "Soon: pain in both heels with stiffness in your back or in several joints in "
            "the morning. It can be a kind of arthritis that a doctor should check\n"
            "Soon: numbness or burning in your foot"
        ),
        "key_points": [
            "Heel pain is worst with the first steps in the morning.",
            "Most people get better, but it often takes several months.",
            "Calf and foot strength, taping and good shoes help.",
            "If it has not settled after a few months, ask about other treatments.",
        ],
        "references": [SOURCES["heel-pain-guideline"], SOURCES["heel-pain-best-practice"]],
        "checked_against": (
            "JOSPT 2023 heel pain guideline; Morrissey 2021 best practice guide (taping, "
            "stretching and education first; shockwave, then custom insoles, if not better)"
        ),
    },
]


def demo_therapists():
    """The therapists clinic.demo made (seed_demo runs it first), by slug."""
    return Therapist.objects.in_bulk(["maya-okafor", "daniel-reyes"], field_name="slug")


CONDITION_EXERCISES = {
    "patellofemoral-pain": ["wall-sit", "step-down", "hip-hike", "runners-march", "clamshell"],
    "it-band-pain": ["side-lying-leg-raise", "clamshell"],
    "flat-feet": ["short-foot", "calf-raise"],
    "hip-weakness": [
        "side-hip-hold",
        "glute-bridge",
        "clamshell",
        "side-lying-leg-raise",
        "hip-hike",
    ],
    "side-hip-pain": ["side-hip-hold", "glute-bridge"],
    "plantar-heel-pain": ["calf-raise", "short-foot"],
}


def seed_conditions():
    regions = {region.slug: region for region in BodyRegion.objects.all()}
    conditions = {}
    for slug, name, region, aka in CONDITIONS:
        conditions[slug], created = Condition.objects.get_or_create(
            slug=slug, defaults={"name": name, "region": regions[region], "also_known_as": aka}
        )
        if created:
            conditions[slug].exercises.set(
                Exercise.objects.filter(slug__in=CONDITION_EXERCISES.get(slug, []))
            )
        if slug in SPANISH_CONDITIONS:
            spanish_name, spanish_aka = SPANISH_CONDITIONS[slug]
            ConditionTranslation.objects.get_or_create(
                condition=conditions[slug],
                language="es",
                defaults={"name": spanish_name, "also_known_as": spanish_aka},
            )
    return conditions


def seed_articles(therapists, conditions):
    regions = {region.slug: region for region in BodyRegion.objects.all()}
    for data in ARTICLES:
        if Article.objects.filter(slug=data["slug"]).exists():
            continue
        article = Article.objects.create(
            slug=data["slug"],
            title=data["title"],
            summary=data["summary"],
            what_it_is=data["what_it_is"],
            symptoms=data["symptoms"],
            causes=data["causes"],
            when_to_see_pt=data["when_to_see_pt"],
            treatment=data["treatment"],
            exercises_intro=data["exercises_intro"],
            red_flags=data["red_flags"],
            author=therapists[data["author"]],
            reviewer=therapists[data["reviewer"]],
            last_reviewed=date(2026, 10, 1),
            checked_against=data["checked_against"],
            status=Article.Status.PUBLISHED,
        )
        article.regions.set([regions[slug] for slug in data["regions"]])
        article.conditions.set([conditions[slug] for slug in data["conditions"]])
        exercises = Exercise.objects.in_bulk(data["exercises"], field_name="slug")
        article.exercises.set(exercises.values())
        ExerciseCaution.objects.bulk_create(
            ExerciseCaution(article=article, exercise=exercises[slug], kind=kind, note=note)
            for slug, kind, note in data.get("exercise_cautions", [])
            if slug in exercises
        )
        KeyPoint.objects.bulk_create(
            KeyPoint(article=article, order=i, text=text)
            for i, text in enumerate(data["key_points"], start=1)
        )
        Reference.objects.bulk_create(
            Reference(article=article, order=i, citation=citation, url=url)
            for i, (citation, url) in enumerate(data["references"], start=1)
        )


def seed_spanish(therapists):
    """The Spanish articles (education/demo_es.py), checked by Daniel Reyes, the demo's
    bilingual reviewer; an article that has its Spanish already is left alone."""
    from education.demo_es import ARTICLES as SPANISH

    for slug, data in SPANISH.items():
        article = Article.objects.filter(slug=slug).first()
        if article is None or article.translations.filter(language="es").exists():
            continue
        ArticleTranslation.objects.create(
            article=article,
            language="es",
            published=True,
            reviewer=therapists["daniel-reyes"],
            last_reviewed=date(2026, 12, 1),
            key_points="\n".join(data["key_points"]),
            **{field: data[field] for field in ArticleTranslation.TEXT_FIELDS},
        )


def seed(stdout):
    therapists = demo_therapists()
    conditions = seed_conditions()
    seed_articles(therapists, conditions)
    seed_spanish(therapists)
