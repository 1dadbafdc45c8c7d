"""Line drawings of the exercises, drawn for this project: the start and the end position.

Each drawing is two panels of a simple figure (strong lines for the near side, lighter
ones for the far side, grey for the wall, step or floor) and an arrow for the movement,
with a description of the movement for people who cannot see it. It is written into the
page as inline SVG, so it takes the clinic's brand colour (`currentColor`), prints sharp,
and costs no request. Staff pick one for an exercise in the admin (Exercise.drawing).
"""

from dataclasses import dataclass
from functools import lru_cache
from math import atan2, cos, sin

from django.utils.html import escape
from django.utils.safestring import mark_safe

PANEL = 300  # each panel is PANEL x PANEL, side by side, labels below
WIDTH, HEIGHT = 2 * PANEL + 40, PANEL + 40


@dataclass(frozen=True)
class Pose:
    head: tuple  # (x, y) of the head's centre
    near: tuple = ()  # polylines: the trunk and the limbs on the near side
    far: tuple = ()  # polylines: the limbs on the far side, drawn lighter
    props: tuple = ()  # polylines: wall, step, chair, floor
    arrow: tuple = ()  # (from, to): the movement
    head_radius: int = 16
    scale: float = 1  # larger for a figure lying down, about the middle of the floor


@dataclass(frozen=True)
class Drawing:
    label: str
    alt: str
    start: Pose
    end: Pose


FLOOR = ((20, 280), (280, 280))


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

DRAWINGS = {
    "calf-raise": Drawing(
        "Calf raise",
        "Start: standing facing a wall, hands on the wall, feet flat. "
        "End: up on the balls of both feet, heels lifted high.",
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
    "clamshell": Drawing(
        "Clamshell",
        "Start: lying on your side, hips and knees bent, knees and feet together. "
        "End: the top knee lifted up like a clam opening, feet still together.",
        Pose(
            scale=1.12,
            head=(52, 244),
            near=(
                ((70, 250), (150, 256)),
                ((84, 252), (112, 264), (138, 268)),
                ((150, 254), (214, 258), (170, 274)),
            ),
            far=(
                ((74, 262), (50, 272), (34, 260)),
                ((150, 260), (212, 274), (168, 280)),
            ),
            props=(((20, 282), (280, 282)),),
        ),
        Pose(
            scale=1.12,
            head=(52, 244),
            near=(
                ((70, 250), (150, 256)),
                ((84, 252), (112, 264), (138, 268)),
                ((150, 254), (204, 204), (170, 274)),
            ),
            far=(
                ((74, 262), (50, 272), (34, 260)),
                ((150, 260), (212, 274), (168, 280)),
            ),
            props=(((20, 282), (280, 282)),),
            arrow=((236, 250), (222, 205)),
        ),
    ),
    "step-down": Drawing(
        "Forward step-down",
        "Start: standing on one leg on the bottom step, facing down the stairs, the other "
        "leg held in front. End: the standing knee bends over the toes until the other "
        "heel touches the floor.",
        Pose(
            head=(130, 32),
            near=(
                ((130, 50), (130, 128)),
                ((130, 58), (140, 95), (150, 125)),
                ((130, 128), (132, 178), (130, 226), (148, 230)),
            ),
            far=(
                ((130, 58), (122, 95), (118, 128)),
                ((130, 128), (150, 176), (178, 218), (192, 212)),
            ),
            props=(((60, 280), (60, 230), (170, 230), (170, 280)), FLOOR),
        ),
        Pose(
            head=(136, 64),
            near=(
                ((130, 82), (112, 160)),
                ((128, 90), (150, 115), (172, 128)),
                ((112, 160), (152, 192), (130, 226), (148, 230)),
            ),
            far=(
                ((128, 90), (140, 120), (160, 138)),
                ((112, 160), (166, 214), (196, 272), (212, 278)),
            ),
            props=(((60, 280), (60, 230), (170, 230), (170, 280)), FLOOR),
            arrow=((240, 175), (240, 230)),
        ),
    ),
    "glute-bridge": Drawing(
        "Glute bridge",
        "Start: lying on your back, knees bent, feet flat on the floor, arms by your sides. "
        "End: hips lifted so that shoulders, hips and knees make a straight line.",
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
        "Seen from the front, standing on one leg on a step, the other foot hanging off "
        "the edge. Start: the hanging side of the pelvis drops down. End: that side is "
        "lifted level, or a little higher, by the hip you stand on; both knees stay straight.",
        Pose(
            head=(150, 40),
            near=(
                ((150, 58), (150, 138)),
                ((125, 68), (175, 68)),
                ((125, 68), (116, 105), (112, 140)),
                ((175, 68), (184, 105), (188, 140)),
                ((132, 134), (168, 146)),
                ((132, 134), (132, 192), (132, 246), (118, 248)),
                ((168, 146), (169, 202), (170, 258), (182, 262)),
            ),
            props=(((60, 290), (60, 250), (150, 250), (150, 290)), ((20, 290), (280, 290))),
        ),
        Pose(
            head=(150, 36),
            near=(
                ((150, 54), (150, 134)),
                ((125, 64), (175, 64)),
                ((125, 64), (116, 101), (112, 136)),
                ((175, 64), (184, 101), (188, 136)),
                ((132, 136), (168, 128)),
                ((132, 136), (132, 192), (132, 246), (118, 248)),
                ((168, 128), (169, 184), (170, 240), (182, 244)),
            ),
            props=(((60, 290), (60, 250), (150, 250), (150, 290)), ((20, 290), (280, 290))),
            arrow=((215, 262), (215, 222)),
        ),
    ),
    "runners-march": Drawing(
        "Runner's march",
        "Start: standing tall on both feet, arms by your sides. End: standing on one leg "
        "with the other knee lifted to hip height and the opposite arm forward, as when "
        "running.",
        Pose(head=_head, near=_near, far=_far, props=(FLOOR,)),
        Pose(
            head=(152, 62),
            near=(
                ((151, 80), (150, 160)),
                ((151, 88), (136, 120), (124, 148)),
                ((150, 160), (202, 160), (200, 216), (216, 222)),
            ),
            far=(
                ((151, 88), (172, 114), (194, 100)),
                ((150, 160), (151, 218), (150, 275), (168, 278)),
            ),
            props=(FLOOR,),
            arrow=((238, 222), (238, 172)),
        ),
    ),
    "short-foot": Drawing(
        "Short foot (arch doming)",
        "A bare foot seen from the inside. Start: the foot flat and relaxed, toes long. "
        "End: the ball of the foot pulled toward the heel so the arch lifts into a dome, "
        "toes still long and flat.",
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
    "side-lying-leg-raise": Drawing(
        "Side-lying leg raise",
        "Start: lying on your side, the bottom knee bent, the top leg straight in line "
        "with your body. End: the top leg lifted about a foot high and a little back, "
        "toes turned a little down.",
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
        "Start: standing with your back against a wall, feet about a foot in front of it. "
        "End: slid down the wall until the knees are a little bent, knees over the feet.",
        Pose(
            head=(112, 60),
            near=(
                ((112, 78), (112, 160)),
                ((112, 86), (118, 122), (122, 156)),
                ((112, 160), (132, 218), (150, 275), (168, 278)),
            ),
            far=(((112, 160), (128, 218), (145, 275), (163, 278)),),
            props=(((96, 20), (96, 280)), FLOOR),
        ),
        Pose(
            head=(112, 96),
            near=(
                ((112, 114), (112, 196)),
                ((112, 122), (122, 156), (136, 178)),
                ((112, 196), (160, 220), (150, 275), (168, 278)),
            ),
            far=(((112, 196), (156, 222), (145, 275), (163, 278)),),
            props=(((96, 20), (96, 280)), FLOOR),
            arrow=((230, 120), (230, 175)),
        ),
    ),
}

CHOICES = [(key, drawing.label) for key, drawing in DRAWINGS.items()]


def _points(line, dx):
    return " ".join(f"{x + dx},{y}" for x, y in line)


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
    if pose.arrow:
        parts.append(_arrow(pose.arrow, 0))
    # Scaled about the middle of the floor, so a figure lying down fills its panel.
    shift = f"translate({dx},0)"
    if pose.scale != 1:
        shift += f" translate(150,282) scale({pose.scale}) translate(-150,-282)"
    return (
        f'<g transform="{shift}">{"".join(parts)}</g>'
        f'<text x="{dx + PANEL // 2}" y="{PANEL + 28}" text-anchor="middle">{label}</text>'
    )


@lru_cache(maxsize=64)
def svg(key, *, described=True):
    """The drawing as inline SVG (safe HTML), or "" for an unknown key. `described=False`:
    hidden from screen readers, where the exercise's name beside it says it all (a card)."""
    drawing = DRAWINGS.get(key)
    if drawing is None:
        return ""
    named = (
        f'role="img" aria-label="{escape(drawing.alt)}"'
        if described
        else 'aria-hidden="true" focusable="false"'
    )
    return mark_safe(  # noqa: S308 - built from our own numbers; the description is escaped
        f'<svg class="exercise-drawing" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" {named}>'
        f'<rect class="backdrop" width="{WIDTH}" height="{HEIGHT}" rx="12"/>'
        f'<line class="divider" x1="{WIDTH // 2}" y1="20" x2="{WIDTH // 2}" y2="{PANEL}"/>'
        + _panel(drawing.start, 10, "Start")
        + _panel(drawing.end, PANEL + 30, "End")
        + "</svg>"
    )
