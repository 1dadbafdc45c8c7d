"""Line drawings of the exercises, drawn for this project: the start and the end position.

Each drawing is two panels of a simple figure (strong lines for the near side, lighter
ones for the far side, grey for the wall, step, rail, mat or floor) and an arrow for the
movement, with a description of the movement for people who cannot see it. Most are seen
from the side or the front; two lying down are seen from a little above, on a mat, where
the movement goes across the body; the tests measure joint angles on the coordinates.
It is written into the page as inline SVG, so it takes the clinic's brand colour
(`currentColor`), prints sharp, and costs no request. Staff pick one for an exercise in
the admin (Exercise.drawing).
"""

from dataclasses import dataclass
from functools import lru_cache
from math import atan2, cos, sin

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_noop, pgettext

PANEL = 300  # each panel is PANEL x PANEL, side by side, labels below
WIDTH, HEIGHT = 2 * PANEL + 40, PANEL + 40


@dataclass(frozen=True)
class Pose:
    head: tuple  # (x, y) of the head's centre
    near: tuple = ()  # polylines: the trunk and the limbs on the near side
    far: tuple = ()  # polylines: the limbs on the far side, drawn lighter
    props: tuple = ()  # polylines: wall, step, chair, floor
    arrow: tuple = ()  # (from, to): the movement; or several such pairs, for one both ways
    head_radius: int = 16
    scale: float = 1  # larger for a figure lying down, about the middle of the floor


@dataclass(frozen=True)
class Drawing:
    label: str
    alt: str  # in English (marked for translation); svg() shows it in the page's language
    start: Pose
    end: Pose


FLOOR = ((20, 280), (280, 280))
# A low bottom step (21 of a figure 234 tall, as 15 cm is of 1.70 m), the next step up
# behind it, and the rail along the stairs at hand height.
STAIRS = (
    ((40, 280), (40, 238), (112, 238), (112, 259), (152, 259), (152, 280)),
    ((30, 71), (182, 151)),
    FLOOR,
)


def _standing(dx=0, dy=0):
    """A person standing side-on, facing right (the near and far limbs)."""

    def at(*points):
        return tuple((x + dx, y + dy) for x, y in points)

    near = (
        at((150, 80), (150, 160)),
        at((150, 88), (158, 125), (162, 158)),
        at((150, 160), (152, 218), (150, 275), (168, 278)),
    )
    far = (
        at((150, 88), (143, 125), (140, 157)),
        at((150, 160), (146, 218), (144, 275), (162, 278)),
    )
    return (150 + dx, 62 + dy), near, far


_head, _near, _far = _standing()

# Seen from the front: the step, the floor and the stair rail with its post, under the hand.
HIP_HIKE_STEP = (
    ((60, 290), (60, 250), (150, 250), (150, 290)),
    ((20, 290), (280, 290)),
    ((20, 88), (120, 138)),
    ((98, 250), (98, 127)),
)

# Mats on the floor, seen from a little above: the lying figures on them are drawn as seen
# from there, so that the knees' forward bend and a movement across the body both show.
MAT_SIDE_LYING = ((40, 196), (286, 229), (260, 278), (14, 245), (40, 196))
MAT_ON_BACK = ((31, 157), (286, 195), (269, 278), (14, 240), (31, 157))

DRAWINGS = {
    "calf-raise": Drawing(
        "Calf raise",
        gettext_noop(
            "Start: standing facing a wall, hands on the wall, feet flat. "
            "End: up on the balls of both feet, heels lifted high."
        ),
        Pose(
            head=(150, 62),
            near=(
                ((150, 80), (150, 160)),
                ((150, 90), (178, 104), (203, 98)),
                ((150, 160), (152, 218), (150, 275), (170, 278)),
            ),
            far=(
                ((150, 90), (176, 110), (203, 106)),
                ((150, 160), (147, 218), (145, 275), (165, 278)),
            ),
            props=(((205, 20), (205, 280)), FLOOR),
        ),
        Pose(
            head=(150, 44),
            near=(
                ((150, 62), (150, 142)),
                ((150, 72), (178, 90), (203, 86)),
                ((150, 142), (152, 200), (151, 257), (170, 278)),
            ),
            far=(
                ((150, 72), (176, 96), (203, 94)),
                ((150, 142), (147, 200), (146, 257), (165, 278)),
            ),
            props=(((205, 20), (205, 280)), FLOOR),
            arrow=((110, 170), (110, 125)),
        ),
    ),
    # From the front and a little above (30 degrees, turned 15 toward the feet): hips bent
    # 45 degrees and knees 90 (shorter on the drawing), the top knee turned open 60.
    "clamshell": Drawing(
        "Clamshell",
        gettext_noop(
            "Seen from the front and a little above. Start: lying on your side on a mat, head "
            "resting on the lower arm, the top hand on the mat in front of you, hips and knees "
            "bent so the knees are forward and the feet are in line with your back, one leg "
            "stacked on the other, knees and feet together. End: the top knee lifted and "
            "turned open like a clam, the feet still together, the hips still stacked."
        ),
        Pose(
            head=(69, 200),
            head_radius=15,
            near=(
                ((95, 200), (174, 221)),
                ((99, 189), (111, 236), (80, 242)),
                ((174, 230), (174, 211)),
                ((174, 211), (203, 248), (254, 235), (268, 240)),
            ),
            far=(
                ((97, 216), (65, 218), (37, 215)),
                ((174, 230), (204, 258), (255, 243), (269, 248)),
            ),
            props=(MAT_SIDE_LYING,),
        ),
        Pose(
            head=(69, 200),
            head_radius=15,
            near=(
                ((95, 200), (174, 221)),
                ((99, 189), (111, 236), (80, 242)),
                ((174, 230), (174, 211)),
                ((174, 211), (214, 209), (254, 235), (268, 240)),
            ),
            far=(
                ((97, 216), (65, 218), (37, 215)),
                ((174, 230), (204, 258), (255, 243), (269, 248)),
            ),
            props=(MAT_SIDE_LYING,),
            arrow=((225, 246), (236, 205)),
        ),
    ),
    "step-down": Drawing(
        "Forward step-down",
        gettext_noop(
            "Start: standing on one leg on a low bottom step, facing down the stairs, one hand "
            "on the rail, the other leg held in front. End: the standing knee bends a little, "
            "forward over the toes, until the heel of the other foot lightly touches the floor."
        ),
        Pose(
            head=(132, 41),
            near=(
                ((132, 59), (132, 139)),
                ((132, 67), (137, 104), (150, 134)),
                ((132, 139), (132, 197), (132, 254), (150, 257)),
            ),
            far=(
                ((132, 67), (126, 103), (124, 136)),
                ((132, 139), (157, 192), (166, 248), (182, 250)),
            ),
            props=STAIRS,
        ),
        Pose(
            head=(150, 57),
            near=(
                ((149, 75), (142, 155)),
                ((148, 83), (144, 120), (168, 143)),
                ((142, 155), (166, 208), (132, 254), (150, 257)),
            ),
            far=(
                ((148, 83), (140, 119), (140, 152)),
                ((147, 160), (157, 217), (165, 273), (181, 268)),
            ),
            props=STAIRS,
            arrow=((214, 222), (214, 262)),
        ),
    ),
    "glute-bridge": Drawing(
        "Glute bridge",
        gettext_noop(
            "Start: lying on your back, knees bent, feet flat on the floor, arms by your sides. "
            "End: hips lifted so that shoulders, hips and knees make a straight line."
        ),
        Pose(
            scale=1.12,
            head=(46, 262),
            head_radius=14,
            near=(
                ((62, 268), (150, 270)),
                ((72, 272), (108, 277), (140, 277)),
                ((150, 270), (200, 224), (236, 272), (252, 276)),
            ),
            far=(((150, 268), (196, 226), (228, 272), (244, 276)),),
            props=(FLOOR,),
        ),
        Pose(
            scale=1.12,
            head=(46, 262),
            head_radius=14,
            near=(
                ((62, 268), (140, 234)),
                ((72, 272), (108, 277), (140, 277)),
                ((140, 234), (205, 204), (236, 272), (252, 276)),
            ),
            far=(((140, 232), (200, 206), (228, 272), (244, 276)),),
            props=(FLOOR,),
            arrow=((152, 270), (152, 242)),
        ),
    ),
    "hip-hike": Drawing(
        "Hip hike",
        gettext_noop(
            "Seen from the front, standing on one leg on a step, one hand on the rail, the "
            "other foot hanging off the edge. Start: the hanging side of the pelvis drops down. "
            "End: that side is lifted level, or a little higher, by the hip you stand on; both "
            "knees stay straight."
        ),
        Pose(
            head=(150, 40),
            near=(
                ((150, 58), (150, 138)),
                ((125, 68), (175, 68)),
                ((125, 68), (110, 101), (112, 134)),
                ((175, 68), (184, 105), (188, 140)),
                ((132, 134), (168, 146)),
                ((132, 134), (132, 192), (132, 242)),
                ((125, 247), (139, 247)),
                ((168, 146), (169, 202), (170, 256)),
                ((164, 262), (176, 262)),
            ),
            props=HIP_HIKE_STEP,
        ),
        Pose(
            head=(150, 36),
            near=(
                ((150, 54), (150, 134)),
                ((125, 64), (175, 64)),
                ((125, 64), (112, 99), (112, 134)),
                ((175, 64), (184, 101), (188, 136)),
                ((132, 136), (168, 128)),
                ((132, 136), (132, 192), (132, 242)),
                ((125, 247), (139, 247)),
                ((168, 128), (169, 184), (170, 238)),
                ((164, 244), (176, 244)),
            ),
            props=HIP_HIKE_STEP,
            arrow=((215, 262), (215, 222)),
        ),
    ),
    "runners-march": Drawing(
        "Runner's march",
        gettext_noop(
            "Start: standing tall on both feet close to a wall, one hand resting on it. End: "
            "standing on one leg, that knee soft and over the toes, with the other knee lifted "
            "to hip height and the opposite arm forward, as when running, the other hand still "
            "on the wall."
        ),
        Pose(
            head=(150, 62),
            near=_near,
            far=(
                ((150, 88), (142, 124), (117, 146)),
                ((150, 160), (146, 218), (144, 275), (162, 278)),
            ),
            props=(((112, 20), (112, 280)), FLOOR),
        ),
        Pose(
            head=(152, 62),
            near=(
                ((151, 80), (150, 160)),
                ((151, 88), (172, 114), (194, 100)),
                ((150, 160), (154, 218), (150, 275), (168, 278)),
            ),
            far=(
                ((151, 88), (145, 125), (117, 142)),
                ((150, 160), (202, 160), (200, 216), (216, 222)),
            ),
            props=(((112, 20), (112, 280)), FLOOR),
            arrow=((238, 222), (238, 172)),
        ),
    ),
    "short-foot": Drawing(
        "Short foot (arch doming)",
        gettext_noop(
            "A bare foot seen from the inside. Start: the foot flat and relaxed, toes long. "
            "End: the ball of the foot pulled toward the heel so the arch lifts into a dome, "
            "toes still long and flat."
        ),
        Pose(
            head=(0, 0),
            head_radius=0,
            near=(
                (
                    (88, 40),
                    (84, 170),
                    (66, 226),
                    (60, 262),
                    (70, 277),
                    (140, 276),
                    (220, 277),
                    (272, 277),
                    (274, 266),
                    (212, 250),
                    (150, 216),
                    (128, 180),
                    (128, 40),
                ),
            ),
            props=(FLOOR,),
        ),
        Pose(
            head=(0, 0),
            head_radius=0,
            near=(
                (
                    (88, 40),
                    (84, 170),
                    (66, 226),
                    (60, 262),
                    (70, 277),
                    (140, 258),
                    (212, 277),
                    (264, 277),
                    (266, 266),
                    (206, 244),
                    (150, 206),
                    (128, 172),
                    (128, 40),
                ),
            ),
            props=(FLOOR,),
            arrow=((140, 298), (140, 270)),
        ),
    ),
    # From the side and above (58 degrees): knees bent about 105 degrees, the knees pressed
    # from a hand's width apart to a little more; an isometric hold, so barely a movement.
    "side-hip-hold": Drawing(
        "Side-hip hold (belt)",
        gettext_noop(
            "Seen from the side and a little above. Start: lying on your back on a mat, arms by "
            "your sides, knees bent and feet flat on the floor, a belt looped snugly around both "
            "thighs just above the knees. End: the same position, the knees pressing gently "
            "outward against the belt, so they move only a little apart, and holding that push."
        ),
        Pose(
            head=(51, 193),
            head_radius=17,
            near=(
                ((77, 201), (164, 215)),
                ((78, 219), (102, 242), (131, 256)),
                ((161, 228), (166, 202)),
                ((161, 228), (201, 207), (237, 242), (256, 248)),
            ),
            far=(
                ((85, 186), (116, 176), (148, 171)),
                ((166, 202), (206, 183), (243, 213), (262, 217)),
            ),
            props=(MAT_ON_BACK, ((184, 225), (193, 181), (204, 175), (195, 219), (184, 225))),
        ),
        Pose(
            head=(51, 193),
            head_radius=17,
            near=(
                ((77, 201), (164, 215)),
                ((78, 219), (102, 242), (131, 256)),
                ((161, 228), (166, 202)),
                ((161, 228), (200, 212), (237, 242), (256, 248)),
            ),
            far=(
                ((85, 186), (116, 176), (148, 171)),
                ((166, 202), (207, 179), (243, 213), (262, 217)),
            ),
            props=(MAT_ON_BACK, ((183, 228), (194, 177), (205, 172), (194, 223), (183, 228))),
            arrow=(((198, 222), (194, 239)), ((209, 169), (213, 152))),
        ),
    ),
    "side-lying-leg-raise": Drawing(
        "Side-lying leg raise",
        gettext_noop(
            "Start: lying on your side, the bottom knee bent, the top leg straight in line "
            "with your body. End: the top leg lifted about a foot high and a little back, "
            "toes turned a little down."
        ),
        Pose(
            scale=1.12,
            head=(50, 248),
            near=(
                ((68, 254), (150, 260)),
                ((86, 256), (112, 268), (132, 272)),
                ((150, 258), (210, 262), (264, 266), (272, 256)),
            ),
            far=(
                ((72, 266), (48, 274), (34, 262)),
                ((150, 264), (198, 276), (164, 280)),
            ),
            props=(((20, 282), (280, 282)),),
        ),
        Pose(
            scale=1.12,
            head=(50, 248),
            near=(
                ((68, 254), (150, 260)),
                ((86, 256), (112, 268), (132, 272)),
                ((150, 258), (202, 236), (250, 216), (262, 220)),
            ),
            far=(
                ((72, 266), (48, 274), (34, 262)),
                ((150, 264), (198, 276), (164, 280)),
            ),
            props=(((20, 282), (280, 282)),),
            arrow=((238, 268), (235, 238)),
        ),
    ),
    "wall-sit": Drawing(
        "Wall sit",
        gettext_noop(
            "Start: standing with your back against a wall, feet about a foot in front of it. "
            "End: slid a little way down the wall, back still flat on it, so the knees are "
            "slightly bent, a shallow sit with the knees over the feet."
        ),
        Pose(
            head=(112, 66),
            near=(
                ((112, 84), (112, 164)),
                ((112, 92), (118, 128), (122, 162)),
                ((112, 164), (126, 220), (140, 275), (158, 278)),
            ),
            far=(((112, 164), (123, 220), (136, 275), (154, 278)),),
            props=(((96, 20), (96, 280)), FLOOR),
        ),
        Pose(
            head=(112, 73),
            near=(
                ((112, 91), (112, 171)),
                ((112, 99), (121, 134), (134, 165)),
                ((112, 171), (145, 218), (140, 275), (158, 278)),
            ),
            far=(((112, 171), (142, 219), (136, 275), (154, 278)),),
            props=(((96, 20), (96, 280)), FLOOR),
            arrow=((230, 120), (230, 160)),
        ),
    ),
}

CHOICES = [(key, drawing.label) for key, drawing in DRAWINGS.items()]


def _points(line, dx):
    return " ".join(f"{x + dx},{y}" for x, y in line)


def _arrows(pose):
    """The pose's arrows: one (from, to) pair, or a tuple of them."""
    if not pose.arrow:
        return ()
    return pose.arrow if isinstance(pose.arrow[0][0], tuple) else (pose.arrow,)


def _arrow(arrow, dx):
    (x1, y1), (x2, y2) = arrow
    angle = atan2(y2 - y1, x2 - x1)
    wings = [
        (x2 - 12 * cos(angle - 0.5), y2 - 12 * sin(angle - 0.5)),
        (x2 - 12 * cos(angle + 0.5), y2 - 12 * sin(angle + 0.5)),
    ]
    head = f"{wings[0][0] + dx:.0f},{wings[0][1]:.0f} {x2 + dx},{y2} {wings[1][0] + dx:.0f},{wings[1][1]:.0f}"
    return (
        f'<polyline class="arrow" points="{x1 + dx},{y1} {x2 + dx},{y2}"/>'
        f'<polyline class="arrow" points="{head}"/>'
    )


def _panel(pose, dx, label):
    parts = [f'<polyline class="prop" points="{_points(line, 0)}"/>' for line in pose.props]
    parts += [f'<polyline class="far" points="{_points(line, 0)}"/>' for line in pose.far]
    parts += [f'<polyline class="near" points="{_points(line, 0)}"/>' for line in pose.near]
    if pose.head_radius:
        x, y = pose.head
        parts.append(f'<circle class="head" cx="{x}" cy="{y}" r="{pose.head_radius}"/>')
    for arrow in _arrows(pose):
        parts.append(_arrow(arrow, 0))
    # Scaled about the middle of the floor, so a figure lying down fills its panel.
    shift = f"translate({dx},0)"
    if pose.scale != 1:
        shift += f" translate(150,282) scale({pose.scale}) translate(-150,-282)"
    return (
        f'<g transform="{shift}">{"".join(parts)}</g>'
        f'<text x="{dx + PANEL // 2}" y="{PANEL + 28}" text-anchor="middle">{label}</text>'
    )


def svg(key, *, described=True):
    """The drawing as inline SVG (safe HTML), or "" for an unknown key. `described=False`:
    hidden from screen readers, where the exercise's name beside it says it all (a card).
    The description and the panels' labels are in the active language."""
    return _svg(key, described, get_language())


@lru_cache(maxsize=128)
def _svg(key, described, language):
    drawing = DRAWINGS.get(key)
    if drawing is None:
        return ""
    named = (
        f'role="img" aria-label="{escape(gettext(drawing.alt))}"'
        if described
        else 'aria-hidden="true" focusable="false"'
    )
    return mark_safe(  # noqa: S308 - built from our own numbers; the description is escaped
        f'<svg class="exercise-drawing" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" {named}>'
        f'<rect class="backdrop" width="{WIDTH}" height="{HEIGHT}" rx="12"/>'
        f'<line class="divider" x1="{WIDTH // 2}" y1="20" x2="{WIDTH // 2}" y2="{PANEL}"/>'
        + _panel(drawing.start, 10, escape(pgettext("drawing of an exercise", "Start")))
        + _panel(drawing.end, PANEL + 30, escape(pgettext("drawing of an exercise", "End")))
        + "</svg>"
    )
