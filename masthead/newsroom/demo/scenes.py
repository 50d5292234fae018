"""The demo's illustrated scenes: each draws one abstract picture from a random source."""

from __future__ import annotations

import math
from collections.abc import Callable
from random import Random

from masthead.newsroom.demo.drawing import (
    CLOTHES,
    HEIGHT,
    SKIN_TONES,
    WIDTH,
    Draw,
    boat,
    gradient,
    mix,
    sea,
    sky,
    vary,
)


def draw_harbour(draw: Draw, rng: Random) -> None:
    """Draw a harbour wall with a lighthouse and moored boats."""
    horizon = rng.randint(330, 400)
    tint = sky(draw, rng, horizon)
    sea(draw, rng, horizon, tint)
    wall_y = horizon + rng.randint(40, 70)
    stone = vary(rng, (120, 110, 100))
    draw.polygon(
        [
            (0, HEIGHT),
            (0, wall_y),
            (WIDTH * 0.72, wall_y),
            (WIDTH * 0.72, wall_y + 30),
            (140, HEIGHT),
        ],
        fill=stone,
    )
    lx = WIDTH * 0.72 - 40
    draw.polygon(
        [(lx, wall_y), (lx + 30, wall_y), (lx + 24, wall_y - 130), (lx + 6, wall_y - 130)],
        fill=(240, 240, 235),
    )
    draw.rectangle([lx + 4, wall_y - 150, lx + 26, wall_y - 130], fill=(200, 50, 40))
    draw.ellipse([lx - 6, wall_y - 170, lx + 36, wall_y - 128], fill=(255, 240, 170, 90))
    for _ in range(rng.randint(5, 9)):
        y = rng.uniform(wall_y + 50, HEIGHT - 40)
        boat(draw, rng, rng.uniform(300, WIDTH - 60), y, 40 + 90 * (y - wall_y) / (HEIGHT - wall_y))


def draw_ferry(draw: Draw, rng: Random) -> None:
    """Draw a ferry crossing towards a low island."""
    horizon = rng.randint(340, 400)
    tint = sky(draw, rng, horizon)
    ix = rng.randint(600, 1000)
    draw.ellipse([ix - 260, horizon - 60, ix + 260, horizon + 60], fill=vary(rng, (70, 95, 80)))
    sea(draw, rng, horizon, tint)
    x, y, length = rng.randint(160, 420), horizon + rng.randint(110, 170), rng.randint(440, 560)
    draw.polygon(
        [(x, y), (x + length, y), (x + length - 50, y + 70), (x + 30, y + 70)], fill=(35, 50, 75)
    )
    draw.rectangle([x + 30, y + 20, x + length - 40, y + 30], fill=(200, 60, 50))
    draw.rectangle([x + 90, y - 70, x + length - 120, y], fill=(245, 245, 240))
    for wx in range(x + 105, x + length - 135, 34):
        draw.rectangle([wx, y - 50, wx + 20, y - 34], fill=(60, 80, 110))
    draw.rectangle(
        [x + length // 2 - 20, y - 120, x + length // 2 + 20, y - 70], fill=(200, 60, 50)
    )
    for k in range(6):
        draw.line(
            [(x - 20 - 40 * k, y + 60 + 6 * k), (x + 40, y + 60)],
            fill=(255, 255, 255, 110),
            width=3,
        )


def draw_skyline(draw: Draw, rng: Random) -> None:
    """Draw a row of town houses with lit windows and a church spire."""
    street = rng.randint(520, 580)
    sky(draw, rng, street)
    x = -rng.randint(0, 40)
    spire_at = rng.randint(300, 800)
    while x < WIDTH:
        width, height = rng.randint(70, 150), rng.randint(160, 330)
        wall = vary(
            rng, rng.choice(((200, 190, 170), (170, 120, 100), (120, 140, 160), (225, 220, 205)))
        )
        draw.rectangle([x, street - height, x + width, street], fill=wall)
        draw.polygon(
            [
                (x - 6, street - height),
                (x + width + 6, street - height),
                (x + width // 2, street - height - rng.randint(20, 60)),
            ],
            fill=vary(rng, (80, 70, 75)),
        )
        for wy in range(street - height + 25, street - 40, 50):
            for wx in range(x + 14, x + width - 24, 36):
                lit = rng.random() < 0.35
                draw.rectangle(
                    [wx, wy, wx + 18, wy + 26], fill=(250, 220, 140) if lit else (70, 80, 95)
                )
        if x <= spire_at < x + width:
            draw.polygon(
                [
                    (x + width // 2 - 18, street - height),
                    (x + width // 2 + 18, street - height),
                    (x + width // 2, street - height - 170),
                ],
                fill=vary(rng, (90, 85, 90)),
            )
        x += width + rng.randint(0, 8)
    gradient(draw, street, HEIGHT, (90, 90, 95), (55, 55, 60))


def draw_field(draw: Draw, rng: Random) -> None:
    """Draw rolling farmland with hedges and a few trees."""
    horizon = rng.randint(260, 340)
    sky(draw, rng, horizon + 80)
    for layer in range(4):
        base = horizon + layer * 90
        green = vary(rng, mix((120, 160, 100), (50, 95, 55), layer / 3), 12)
        phase, amplitude = rng.uniform(0, math.tau), rng.uniform(15, 45)
        points = [
            (float(x), base + amplitude * math.sin(x / 180 + phase))
            for x in range(0, WIDTH + 20, 20)
        ]
        draw.polygon([*points, (WIDTH, HEIGHT), (0, HEIGHT)], fill=green)
        draw.line(points, fill=mix(green, (30, 50, 30), 0.5), width=4)
        for _ in range(rng.randint(1, 3)):
            tx, ty = rng.uniform(40, WIDTH - 40), base + rng.uniform(-10, 20)
            crown = 14 + layer * 9
            draw.rectangle([tx - 3, ty - crown, tx + 3, ty], fill=(70, 50, 35))
            draw.ellipse(
                [tx - crown, ty - crown * 2.6, tx + crown, ty - crown * 0.8],
                fill=vary(rng, (45, 85, 50)),
            )


def draw_chart(draw: Draw, rng: Random) -> None:
    """Draw a bar or line chart on paper, with gridlines and no words."""
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(246, 243, 236))
    draw.rectangle([80, 60, 520, 84], fill=(60, 60, 70))
    left, right, top, bottom = 120, WIDTH - 80, 140, HEIGHT - 90
    for grid_y in range(top, bottom + 1, (bottom - top) // 5):
        draw.line([(left, grid_y), (right, grid_y)], fill=(215, 210, 200), width=2)
    count, value = rng.randint(5, 9), rng.uniform(0.2, 0.5)
    step = (right - left) / count
    accent = vary(rng, rng.choice(((200, 70, 60), (40, 110, 160), (60, 140, 100))))
    points: list[tuple[float, float]] = []
    for i in range(count):
        value = min(0.95, max(0.1, value + rng.uniform(-0.08, 0.16)))
        points.append((left + step * (i + 0.5), bottom - (bottom - top) * value))
    if rng.random() < 0.5:
        for x, y in points:
            draw.rectangle([x - step * 0.3, y, x + step * 0.3, bottom], fill=accent)
    else:
        draw.line(points, fill=accent, width=6)
        for x, y in points:
            draw.ellipse([x - 9, y - 9, x + 9, y + 9], fill=accent)
    draw.line([(left, bottom), (right, bottom)], fill=(60, 60, 70), width=3)


def draw_pitch(draw: Draw, rng: Random) -> None:
    """Draw a football pitch under floodlights with a stand behind it."""
    gradient(draw, 0, 250, (15, 25, 55), (45, 60, 95))
    draw.rectangle([0, 200, WIDTH, 290], fill=vary(rng, (120, 40, 45)))
    for _ in range(500):
        x, y = rng.uniform(0, WIDTH), rng.uniform(205, 285)
        draw.ellipse([x - 3, y - 3, x + 3, y + 3], fill=rng.choice(CLOTHES))
    stripe_light, stripe_dark = vary(rng, (80, 160, 80), 10), (60, 135, 65)
    for i in range(10):
        y0, y1 = 290 + i * 39, 290 + (i + 1) * 39
        draw.polygon(
            [(0, y0), (WIDTH, y0), (WIDTH, y1), (0, y1)],
            fill=stripe_light if i % 2 else stripe_dark,
        )
    white = (240, 240, 235)
    draw.line([(WIDTH // 2 + 60, 300), (WIDTH // 2 - 60, HEIGHT)], fill=white, width=4)
    draw.ellipse([WIDTH // 2 - 190, 400, WIDTH // 2 + 150, 560], outline=white, width=4)
    draw.line([(40, 310), (WIDTH - 40, 310)], fill=white, width=4)
    for tower in (60, WIDTH - 60):
        draw.line([(tower, 40), (tower, 300)], fill=(90, 95, 105), width=8)
        draw.rectangle([tower - 40, 20, tower + 40, 60], fill=(250, 250, 230))
        draw.ellipse([tower - 160, -90, tower + 160, 170], fill=(255, 255, 220, 40))


def draw_chamber(draw: Draw, rng: Random) -> None:
    """Draw a council chamber: curved rows of seats facing a lectern."""
    wall = vary(rng, (150, 110, 80))
    gradient(draw, 0, 330, mix(wall, (255, 255, 255), 0.3), wall)
    draw.ellipse(
        [WIDTH // 2 - 60, 40, WIDTH // 2 + 60, 160],
        fill=(210, 180, 90),
        outline=(120, 90, 40),
        width=6,
    )
    gradient(draw, 330, HEIGHT, (120, 40, 45), (80, 25, 30))
    centre_x, centre_y = WIDTH / 2, 760
    for row in range(5):
        radius = 260 + row * 90
        seats = 9 + row * 3
        for k in range(seats):
            angle = math.pi * (0.12 + 0.76 * k / (seats - 1))
            x, y = centre_x - radius * math.cos(angle), centre_y - radius * math.sin(angle) * 0.9
            size = 16 + row * 2
            draw.rounded_rectangle(
                [x - size, y - size, x + size, y + size * 0.8],
                radius=6,
                fill=vary(rng, (60, 90, 70), 10),
            )
    draw.rectangle([WIDTH // 2 - 50, 560, WIDTH // 2 + 50, HEIGHT], fill=(95, 65, 40))


def draw_lanterns(draw: Draw, rng: Random) -> None:
    """Draw glowing lanterns along a harbour wall at night, reflected in the water."""
    gradient(draw, 0, 380, (10, 15, 40), (60, 40, 90))
    gradient(draw, 380, HEIGHT, (25, 25, 60), (5, 10, 25))
    draw.rectangle([0, 360, WIDTH, 395], fill=(30, 30, 40))
    for _ in range(rng.randint(45, 70)):
        x, y = rng.uniform(20, WIDTH - 20), rng.uniform(190, 350)
        r = rng.uniform(7, 20)
        warm = vary(
            rng, rng.choice(((255, 190, 90), (255, 120, 80), (250, 230, 150), (180, 220, 255))), 10
        )
        draw.ellipse([x - r * 3, y - r * 3, x + r * 3, y + r * 3], fill=(*warm, 35))
        draw.ellipse([x - r, y - r * 1.2, x + r, y + r * 1.2], fill=warm)
        draw.line([(x, y + r * 1.2), (x, 360)], fill=(40, 35, 45), width=2)
        draw.rectangle(
            [x - r * 0.6, 420 + (y - 190) * 0.8, x + r * 0.6, 440 + (y - 190) * 1.4],
            fill=(*warm, 60),
        )
    for _ in range(40):
        x, y = rng.uniform(0, WIDTH), rng.uniform(420, HEIGHT)
        draw.ellipse([x - 5, y - 4, x + 5, y + 4], fill=(255, 200, 120, 200))


def draw_seagrass(draw: Draw, rng: Random) -> None:
    """Draw an underwater meadow of swaying eelgrass with light from above."""
    gradient(draw, 0, HEIGHT, (70, 160, 170), (10, 50, 70))
    for _ in range(6):
        x = rng.uniform(0, WIDTH)
        draw.polygon(
            [(x, 0), (x + 80, 0), (x + 260, HEIGHT), (x + 120, HEIGHT)], fill=(255, 255, 230, 22)
        )
    gradient(draw, 560, HEIGHT, (150, 140, 105), (100, 90, 70))
    for _ in range(140):
        x, height = rng.uniform(-20, WIDTH + 20), rng.uniform(150, 420)
        sway, phase = rng.uniform(20, 70), rng.uniform(0, math.tau)
        base = rng.uniform(575, HEIGHT)
        points = [
            (x + sway * math.sin(phase + t / 3) * t / 6, base - height * t / 6) for t in range(7)
        ]
        draw.line(points, fill=vary(rng, (50, 120, 60), 20), width=rng.randint(5, 9), joint="curve")
    for _ in range(rng.randint(3, 6)):
        x, y, size = rng.uniform(100, WIDTH - 100), rng.uniform(80, 400), rng.uniform(14, 26)
        fish = (190, 200, 195)
        draw.ellipse([x - size, y - size / 2.5, x + size, y + size / 2.5], fill=fish)
        draw.polygon(
            [(x + size, y), (x + size * 1.6, y - size / 2), (x + size * 1.6, y + size / 2)],
            fill=fish,
        )


def draw_cliffs(draw: Draw, rng: Random) -> None:
    """Draw sea cliffs with a grassy top and seabirds."""
    horizon = rng.randint(300, 360)
    tint = sky(draw, rng, horizon)
    sea(draw, rng, horizon, tint)
    edge = rng.randint(450, 650)
    points = [(float(edge), float(HEIGHT))]
    for step in range(12):
        points.append((edge + rng.uniform(-30, 30) - step * 8, HEIGHT - step * 38.0))
    points += [(WIDTH, HEIGHT - 11 * 38.0), (WIDTH, HEIGHT)]
    draw.polygon(points, fill=vary(rng, (150, 130, 110)))
    top = HEIGHT - 11 * 38
    draw.polygon(
        [
            (points[-3][0] - 10, top - 4),
            (WIDTH, top - 20),
            (WIDTH, top + 14),
            (points[-3][0], top + 10),
        ],
        fill=(90, 140, 70),
    )
    for _ in range(rng.randint(8, 16)):
        x, y, span = rng.uniform(80, WIDTH - 80), rng.uniform(60, horizon - 40), rng.uniform(8, 18)
        draw.line(
            [(x - span, y - span / 2), (x, y), (x + span, y - span / 2)], fill=(40, 40, 45), width=3
        )


def draw_books(draw: Draw, rng: Random) -> None:
    """Draw library shelves packed with books."""
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=vary(rng, (110, 75, 50)))
    for shelf_y in range(150, HEIGHT + 1, 165):
        x = 30
        while x < WIDTH - 40:
            width, height = rng.randint(18, 42), rng.randint(90, 140)
            spine = vary(
                rng,
                rng.choice(
                    ((130, 40, 40), (40, 70, 110), (60, 100, 70), (180, 150, 90), (90, 60, 90))
                ),
            )
            draw.rectangle([x, shelf_y - height, x + width, shelf_y], fill=spine)
            draw.line(
                [(x + 4, shelf_y - height + 14), (x + width - 4, shelf_y - height + 14)],
                fill=(220, 190, 110),
                width=2,
            )
            x += width + rng.randint(1, 4)
        draw.rectangle([0, shelf_y, WIDTH, shelf_y + 14], fill=(70, 45, 30))


def draw_crowd(draw: Draw, rng: Random) -> None:
    """Draw a crowd in rows, some holding placards."""
    horizon = 260
    sky(draw, rng, horizon)
    draw.rectangle([0, 120, WIDTH, horizon], fill=vary(rng, (170, 150, 130)))
    gradient(draw, horizon, HEIGHT, (120, 115, 110), (80, 78, 75))
    for row in range(6):
        size, y = 14 + row * 7, horizon + 10 + row * 70
        for x in range(-20, WIDTH + 40, int(size * 2.4)):
            px = x + rng.uniform(-size / 2, size / 2)
            if rng.random() < 0.08 and row < 4:
                draw.line([(px, y), (px, y - 90)], fill=(110, 80, 50), width=4)
                draw.rectangle(
                    [px - 45, y - 140, px + 45, y - 85], fill=vary(rng, (245, 240, 225), 8)
                )
            draw.ellipse(
                [px - size * 1.2, y + size * 0.9, px + size * 1.2, y + size * 3.5],
                fill=vary(rng, rng.choice(CLOTHES)),
            )
            draw.ellipse(
                [px - size * 0.6, y, px + size * 0.6, y + size * 1.3], fill=rng.choice(SKIN_TONES)
            )


SCENES: dict[str, Callable[[Draw, Random], None]] = {
    "harbour": draw_harbour,
    "ferry": draw_ferry,
    "skyline": draw_skyline,
    "field": draw_field,
    "chart": draw_chart,
    "pitch": draw_pitch,
    "chamber": draw_chamber,
    "lanterns": draw_lanterns,
    "seagrass": draw_seagrass,
    "cliffs": draw_cliffs,
    "books": draw_books,
    "crowd": draw_crowd,
}

# Alt text: what a reader who cannot see the picture should know is there.
DESCRIPTIONS: dict[str, str] = {
    "harbour": (
        "Illustration of a harbour wall with a lighthouse and small boats at their moorings."
    ),
    "ferry": (
        "Illustration of a red and white ferry crossing open water towards a low green island."
    ),
    "skyline": "Illustration of a row of town houses with lit windows and a church spire.",
    "field": "Illustration of rolling green farmland with hedgerows and scattered trees.",
    "chart": "Abstract chart in the Courier's colours; the figures are given in the text.",
    "pitch": "Illustration of a football pitch under floodlights in front of a packed stand.",
    "chamber": (
        "Illustration of a council chamber with curved rows of green seats facing a lectern."
    ),
    "lanterns": (
        "Illustration of glowing lanterns along a harbour wall at night, reflected in the water."
    ),
    "seagrass": (
        "Illustration of an underwater meadow of swaying seagrass with small fish above it."
    ),
    "cliffs": "Illustration of sea cliffs topped with grass, with seabirds in the sky.",
    "books": "Illustration of wooden library shelves packed with coloured books.",
    "crowd": "Illustration of a crowd gathered in rows, some people holding placards.",
}
