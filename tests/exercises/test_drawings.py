"""Each exercise's own line drawing: start and end position, described, on every page it is on."""

import io
import re
from itertools import pairwise
from math import acos, degrees, hypot

import pytest
from django.core.management import call_command

from exercises import demo
from exercises.drawings import CHOICES, DRAWINGS, svg
from exercises.models import Exercise
from tests.factories import make_exercise, make_program

pytestmark = pytest.mark.django_db


def drawings_in(html):
    """The accessible names of the line drawings on a page."""
    return re.findall(r'<svg class="exercise-drawing"[^>]* role="img" aria-label="([^"]+)"', html)


def test_every_demo_exercise_has_its_own_drawing_of_start_and_end():
    assert {data["slug"] for data in demo.EXERCISES} <= set(DRAWINGS)
    pictures = [svg(key) for key in DRAWINGS]
    assert len(set(pictures)) == len(pictures)
    for key, drawing in DRAWINGS.items():
        picture = str(svg(key))
        assert ">Start</text>" in picture and ">End</text>" in picture, key
        assert drawing.alt.startswith(("Start:", "Seen from", "A bare foot")), key
        assert "Start" in drawing.alt and "End" in drawing.alt, key
        # Several drawings on one page: no ids to repeat, and nothing the CSP refuses.
        assert " id=" not in picture and "style=" not in picture and "<script" not in picture


def test_the_drawing_is_on_the_card_the_page_the_handouts_and_the_program(client):
    call_command("seed_demo", "--no-users", stdout=io.StringIO())
    wall_sit = Exercise.objects.get(slug="wall-sit")
    described = DRAWINGS["wall-sit"].alt
    # On a card the drawing is decorative: the exercise's name beside it says what it is.
    listing = client.get("/exercises/").content.decode()
    assert drawings_in(listing) == []
    assert listing.count('<svg class="exercise-drawing"') == Exercise.objects.count()
    assert listing.count('aria-hidden="true" focusable="false">') >= Exercise.objects.count()
    assert drawings_in(client.get("/exercises/wall-sit/").content.decode()) == [described]
    assert drawings_in(client.get("/exercises/wall-sit/print/").content.decode()) == [described]
    article = client.get("/articles/knock-knees/print/").content.decode()
    assert described in drawings_in(article)
    program = make_program(exercises=[wall_sit, Exercise.objects.get(slug="hip-hike")])
    page = client.get(program.patient_url()).content.decode()
    assert drawings_in(page) == [described, DRAWINGS["hip-hike"].alt]


def test_an_exercise_without_a_drawing_keeps_the_plain_picture(client, regions):
    make_exercise(slug="new-one", name="New one", regions=[regions["knee"]])
    page = client.get("/exercises/new-one/").content.decode()
    assert drawings_in(page) == []
    assert "exercise-placeholder" not in page  # the page shows no empty picture
    assert "exercise-placeholder" in client.get("/exercises/").content.decode()


def test_staff_pick_a_drawing_in_the_admin(admin_client, regions):
    exercise = make_exercise(slug="new-one", name="New one", regions=[regions["knee"]])
    form = admin_client.get(f"/admin/exercises/exercise/{exercise.pk}/change/").content.decode()
    assert 'name="drawing"' in form and "Wall sit" in form
    # Who checked the exercise and against what, kept beside it for staff.
    assert 'name="checked_by"' in form and 'name="checked_against"' in form


# The drawings' geometry, measured as a reviewer would: joint angles from the joints'
# coordinates, heights against the figure's own height, props against the hand.


def bend(hip, knee, ankle):
    """How far a joint is bent, in degrees: 0 is straight (from the three points' angle)."""
    (ax, ay), (bx, by), (cx, cy) = hip, knee, ankle
    u, v = (ax - bx, ay - by), (cx - bx, cy - by)
    cosine = (u[0] * v[0] + u[1] * v[1]) / (hypot(*u) * hypot(*v))
    return 180 - degrees(acos(max(-1.0, min(1.0, cosine))))


def distance_to_segment(point, a, b):
    (px, py), (ax, ay), (bx, by) = point, a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy or 1)))
    return hypot(px - ax - t * dx, py - ay - t * dy)


def distance_to_props(point, pose):
    return min(distance_to_segment(point, a, b) for line in pose.props for a, b in pairwise(line))


def leg(pose):
    """The near leg of a figure seen from the side: hip, knee, ankle (it starts at the
    trunk's lower end)."""
    hip = pose.near[0][-1]
    return next(line for line in pose.near[1:] if line[0] == hip)[:3]


def below_line(point, a, b):
    """How far the point is below the line through a and b on the drawing (y grows down)."""
    (px, py), (ax, ay), (bx, by) = point, a, b
    return py - (ay + (by - ay) * (px - ax) / (bx - ax))


def test_no_description_gives_a_dose():
    # Doses are shown beside the drawing and vary by patient: the drawing describes
    # positions and movements only.
    for key, drawing in DRAWINGS.items():
        assert not re.search(r"\d", drawing.alt), key
        assert not re.search(r"\b(seconds?|times|reps?|repetitions?|sets?)\b", drawing.alt), key


def test_wall_sit_ends_in_a_shallow_sit_with_the_back_on_the_wall():
    drawing = DRAWINGS["wall-sit"]
    wall_x = drawing.end.props[0][0][0]
    hip, knee, ankle = leg(drawing.end)
    assert 30 <= bend(hip, knee, ankle) <= 50
    assert bend(*leg(drawing.start)) < 5  # standing, legs straight
    # The back stays on the wall, the knees stay over the feet, the feet about a foot out.
    trunk = drawing.end.near[0]
    assert trunk[0][0] == trunk[-1][0] and trunk[0][0] - wall_x <= 20
    toes = next(line for line in drawing.end.near if line[0] == hip)[-1]
    assert knee[0] <= toes[0]
    figure = toes[1] - (drawing.start.head[1] - drawing.start.head_radius)
    assert 0.14 <= (ankle[0] - wall_x) / figure <= 0.22  # 24 to 37 cm of a 1.70 m person


def test_step_down_is_a_low_step_a_small_knee_bend_and_a_heel_on_the_floor():
    drawing = DRAWINGS["step-down"]
    hip, knee, ankle = leg(drawing.end)
    # The step under the standing foot, and the floor: the prop lines level under the foot.
    levels = sorted(
        a[1]
        for line in drawing.end.props
        for a, b in pairwise(line)
        if a[1] == b[1] and min(a[0], b[0]) <= ankle[0] <= max(a[0], b[0]) and a[1] > ankle[1]
    )
    step_top, floor = levels[0], levels[-1]
    figure = step_top - (drawing.start.head[1] - drawing.start.head_radius)
    assert 0.06 <= (floor - step_top) / figure <= 0.1  # a low step: 10 to 17 cm of 1.70 m
    assert 40 <= bend(hip, knee, ankle) <= 65
    assert bend(*leg(drawing.start)) < 5
    # The other heel touches the floor in front of the step, not the step.
    other_ankle = drawing.end.far[-1][2]
    assert floor - other_ankle[1] <= 8 and other_ankle[0] > ankle[0] + 20


@pytest.mark.parametrize(
    ("key", "side", "index"),
    [("step-down", "near", 1), ("hip-hike", "near", 2), ("runners-march", "far", 0)],
)
def test_the_hand_is_on_a_rail_or_a_wall_where_the_exercise_says_hold_on(key, side, index):
    drawing = DRAWINGS[key]
    for pose in (drawing.start, drawing.end):
        hand = getattr(pose, side)[index][-1]
        assert distance_to_props(hand, pose) <= 6, key
        assert hand[1] < 200, key  # the hand, not a foot on the floor


def test_hip_hike_feet_are_seen_from_the_front():
    for pose in (DRAWINGS["hip-hike"].start, DRAWINGS["hip-hike"].end):
        legs = [line for line in pose.near if len(line) == 3 and line[0][1] > 120]
        feet = [
            line
            for line in pose.near
            if len(line) == 2 and line[0][1] == line[1][1] and line[0][1] > 200
        ]
        assert len(legs) == 2 and len(feet) == 2
        for (_, _, (x, y)), ((x1, y1), (x2, _)) in zip(legs, feet, strict=True):
            # A short level line centred under the ankle, not a foot pointing sideways.
            assert x1 < x < x2 and abs((x1 + x2) / 2 - x) <= 1 and 0 < y1 - y <= 8


def test_runners_march_stands_on_the_near_leg():
    end = DRAWINGS["runners-march"].end
    hip, knee, ankle = leg(end)
    floor = end.props[-1][0][1]
    assert floor - ankle[1] <= 8 and bend(hip, knee, ankle) < 15  # standing, knee soft
    lifted = next(line for line in end.far if line[0] == hip)
    assert abs(lifted[1][1] - hip[1]) <= 10  # the other knee at hip height


def test_clamshell_lies_on_its_side_knees_forward_and_opens_the_top_knee():
    drawing = DRAWINGS["clamshell"]

    def parts(pose):
        """The spine, the top leg (near), the bottom leg and the lower arm (far): each leg
        is hip, knee, ankle and toes."""
        top = [line for line in pose.near if len(line) == 4]
        bottom = [line for line in pose.far if len(line) == 4]
        arm = [line for line in pose.far if len(line) == 3]
        assert len(top) == len(bottom) == len(arm) == 1, "a leg each side, and the lower arm"
        return pose.near[0], top[0], bottom[0], arm[0]

    for pose in (drawing.start, drawing.end):
        spine, top, bottom, bottom_arm = parts(pose)
        # The bottom leg lies on the mat, its knee forward, toward us (below its
        # hip-to-ankle line): lying on the side, not on the back with a knee up.
        assert below_line(bottom[1], bottom[0], bottom[2]) >= 10
        assert bend(bottom[0], bottom[1], bottom[2]) >= 45
        assert bend(spine[0], spine[1], bottom[1]) >= 25  # the hips bent, seen from above
        # Stacked: the top hip over the bottom one, the feet together.
        assert top[0][0] == bottom[0][0] and top[0][1] < bottom[0][1]
        assert hypot(top[2][0] - bottom[2][0], top[2][1] - bottom[2][1]) <= 12
        # The head rests on the lower arm.
        head_to_arm = min(distance_to_segment(pose.head, a, b) for a, b in pairwise(bottom_arm))
        assert head_to_arm <= pose.head_radius + 5
    _, start_top, start_bottom, _ = parts(drawing.start)
    _, end_top, end_bottom, _ = parts(drawing.end)
    # Start: the knees together; end: the top knee opened up above its hip-to-ankle line.
    (x1, y1), (x2, y2) = start_top[1], start_bottom[1]
    assert hypot(x1 - x2, y1 - y2) <= 14
    assert below_line(start_top[1], start_top[0], start_top[2]) > 0
    assert below_line(end_top[1], end_top[0], end_top[2]) <= -8
    assert end_bottom[1][1] - end_top[1][1] >= 35


def test_side_hip_hold_presses_the_knees_out_against_a_belt():
    assert ("side-hip-hold", "Side-hip hold (belt)") in CHOICES
    drawing = DRAWINGS["side-hip-hold"]
    assert "belt" in drawing.alt and "on your back" in drawing.alt

    def knees(pose):
        near_leg = next(line for line in pose.near if len(line) == 4)
        far_leg = next(line for line in pose.far if len(line) == 4)
        return near_leg, far_leg

    def gap(pose):
        near_leg, far_leg = knees(pose)
        return hypot(near_leg[1][0] - far_leg[1][0], near_leg[1][1] - far_leg[1][1])

    for pose in (drawing.start, drawing.end):
        near_leg, far_leg = knees(pose)
        # On the back, knees bent up, feet flat: each knee above its hip-to-ankle line.
        assert below_line(near_leg[1], near_leg[0], near_leg[2]) <= -20
        assert below_line(far_leg[1], far_leg[0], far_leg[2]) <= -20
        # The belt goes round both thighs, near the knees.
        belt = pose.props[-1]
        assert belt[0] == belt[-1]
        for leg_ in (near_leg, far_leg):
            assert min(hypot(x - leg_[1][0], y - leg_[1][1]) for x, y in belt) <= 25
    # A hold: the knees move apart only a little, and two arrows point away from each other.
    assert 0 < gap(drawing.end) - gap(drawing.start) <= 15
    (a1, a2), (b1, b2) = drawing.end.arrow
    assert (a2[0] - a1[0]) * (b2[0] - b1[0]) + (a2[1] - a1[1]) * (b2[1] - b1[1]) < 0
    assert str(svg("side-hip-hold")).count('class="arrow"') == 4  # two arrows, each with a head
