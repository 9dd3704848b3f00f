"""Generated photos for the demo data: a stairwell before and after its light was repaired, a
yard before and after a clean-up. Each is a JPEG of a few hundred KB (camera-like noise, so it
weighs what a real one does), different per record (its place and time are printed on it), some
stored sideways with an EXIF orientation as phones do, so the store's orientation handling shows.
"""

from __future__ import annotations

import io
import random
from datetime import datetime
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from jinsha_desktop.paths import resource_path

WIDTH, HEIGHT = 1280, 960
# EXIF orientation → how the stored pixels are turned, so that a viewer honouring the tag shows
# the scene upright (6: the phone was held upright, the sensor wrote it turned left…).
_STORED_TURN = {
    3: Image.Transpose.ROTATE_180,
    6: Image.Transpose.ROTATE_90,
    8: Image.Transpose.ROTATE_270,
}
ORIENTATION, DATE_TIME, EXIF_IFD, DATE_TIME_ORIGINAL, MAKE, MODEL = (
    0x0112,
    0x0132,
    0x8769,
    0x9003,
    0x010F,
    0x0110,
)
LIGHT, CLUTTER, WIRES, GREEN, STRUCTURE, PARKING = (
    "light",
    "clutter",
    "wires",
    "green",
    "structure",
    "parking",
)


@cache
def _grain() -> Image.Image:
    """Sensor noise, made once and cropped per photo (making it is most of a photo's cost)."""
    return Image.effect_noise((WIDTH + 320, HEIGHT + 240), 40).convert("RGB")


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", "wqy-microhei.ttc")), size)


def demo_photo(
    seed: int,
    scene: str,
    after: bool,
    caption: str,
    taken: datetime,
    orientation: int = 1,
) -> bytes:
    """A JPEG of `scene` (LIGHT or a clean-up's) before or `after` the work, `caption` and the
    local time it was `taken` printed on it; stored turned for `orientation` (1, 3, 6 or 8)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    wall = tuple(rng.randint(150, 215) for _ in range(3))
    ground = tuple(rng.randint(70, 130) for _ in range(3))
    horizon = rng.randint(HEIGHT // 2, HEIGHT * 2 // 3)
    draw.rectangle((0, 0, WIDTH, horizon), fill=wall)
    draw.rectangle((0, horizon, WIDTH, HEIGHT), fill=ground)
    _SCENES[scene](draw, rng, horizon, after)
    if scene == LIGHT and not after:  # a stairwell whose light is out is dark
        image = Image.eval(image, lambda value: value * 2 // 5)
    x, y = rng.randrange(320), rng.randrange(240)
    image = Image.blend(image, _grain().crop((x, y, x + WIDTH, y + HEIGHT)), 0.16)
    work = "维修" if scene == LIGHT else "整治"
    _label(ImageDraw.Draw(image), f"{caption} · {work}{'后' if after else '前'}", taken)
    exif = Image.Exif()
    stamp = taken.strftime("%Y:%m:%d %H:%M:%S")
    exif[MAKE], exif[MODEL], exif[DATE_TIME] = "JINSHA", "DEMO-CAM", stamp
    exif.get_ifd(EXIF_IFD)[DATE_TIME_ORIGINAL] = stamp
    if orientation in _STORED_TURN:
        image = image.transpose(_STORED_TURN[orientation])
        exif[ORIENTATION] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, exif=exif.tobytes())
    return out.getvalue()


def _label(draw: ImageDraw.ImageDraw, text: str, taken: datetime) -> None:
    font = _font(40)
    draw.rectangle((0, HEIGHT - 120, WIDTH, HEIGHT), fill=(20, 20, 20))
    draw.text((32, HEIGHT - 108), text, font=font, fill=(255, 255, 255))
    draw.text((32, HEIGHT - 58), f"{taken:%Y-%m-%d %H:%M}", font=font, fill=(255, 220, 120))


def _light(draw: ImageDraw.ImageDraw, rng: random.Random, horizon: int, after: bool) -> None:
    step = rng.randint(36, 56)
    for index in range(12):  # the flight of stairs going up to the right
        x = 200 + index * step
        y = HEIGHT - 140 - index * step // 2
        draw.rectangle((x, y, x + step, HEIGHT - 120), fill=(110 + index * 6,) * 3)
    door = rng.randint(60, 200)
    draw.rectangle(
        (door, horizon - 420, door + 180, horizon), fill=(120, 70, 40), outline=(40,) * 3
    )
    lamp_x = rng.randint(WIDTH // 3, WIDTH * 2 // 3)
    draw.line((lamp_x, 0, lamp_x, 90), fill=(30, 30, 30), width=6)
    if after:
        for radius, shade in (
            (150, (255, 250, 200)),
            (100, (255, 240, 160)),
            (45, (255, 255, 240)),
        ):
            draw.ellipse((lamp_x - radius, 120 - radius, lamp_x + radius, 120 + radius), fill=shade)
    else:
        draw.ellipse((lamp_x - 45, 75, lamp_x + 45, 165), fill=(90, 90, 90), outline=(20,) * 3)


def _clutter(draw: ImageDraw.ImageDraw, rng: random.Random, horizon: int, after: bool) -> None:
    _building(draw, rng, horizon)
    for _ in range(3 if after else rng.randint(14, 24)):  # boxes, bags, an old bicycle…
        x, y = rng.randrange(WIDTH - 200), rng.randint(horizon, HEIGHT - 220)
        size = rng.randint(40, 160)
        colour = tuple(rng.randint(30, 230) for _ in range(3))
        draw.rectangle((x, y, x + size, y + size * 2 // 3), fill=colour, outline=(20,) * 3)


def _wires(draw: ImageDraw.ImageDraw, rng: random.Random, horizon: int, after: bool) -> None:
    _building(draw, rng, horizon)
    for _ in range(1 if after else rng.randint(8, 14)):  # cables and washing lines
        y1, y2 = rng.randint(60, horizon), rng.randint(60, horizon)
        sag = rng.randint(20, 120)
        draw.line((0, y1, WIDTH // 2, (y1 + y2) // 2 + sag, WIDTH, y2), fill=(15, 15, 15), width=5)


def _green(draw: ImageDraw.ImageDraw, rng: random.Random, horizon: int, after: bool) -> None:
    _building(draw, rng, horizon)
    for _ in range(rng.randint(10, 18)):  # the bed: bare patches before, planted after
        x, y = rng.randrange(WIDTH - 120), rng.randint(horizon + 20, HEIGHT - 200)
        colour = (40, rng.randint(120, 180), 50) if after or rng.random() < 0.3 else (120, 95, 60)
        draw.ellipse((x, y, x + rng.randint(80, 200), y + rng.randint(40, 90)), fill=colour)


def _structure(draw: ImageDraw.ImageDraw, rng: random.Random, horizon: int, after: bool) -> None:
    _building(draw, rng, horizon)
    if not after:  # a shed of boards and corrugated roof against the building
        x = rng.randint(100, WIDTH - 520)
        draw.rectangle((x, horizon - 260, x + 400, horizon + 60), fill=(140, 120, 100))
        draw.polygon(
            ((x - 30, horizon - 260), (x + 430, horizon - 260), (x + 200, horizon - 340)),
            fill=(70, 90, 140),
        )


def _parking(draw: ImageDraw.ImageDraw, rng: random.Random, horizon: int, after: bool) -> None:
    _building(draw, rng, horizon)
    draw.rectangle((0, horizon + 40, WIDTH, HEIGHT - 120), fill=(60, 60, 64))
    if after:  # freshly painted bays
        width = rng.randint(150, 190)
        for x in range(40, WIDTH - width, width + 20):
            draw.rectangle((x, horizon + 80, x + width, HEIGHT - 160), outline=(245,) * 3, width=7)


def _building(draw: ImageDraw.ImageDraw, rng: random.Random, horizon: int) -> None:
    """A block of flats behind the yard: its windows in rows."""
    for row in range(40, horizon - 60, 90):
        for x in range(rng.randint(20, 60), WIDTH - 80, 130):
            draw.rectangle((x, row, x + 70, row + 55), fill=(70, 90, 110), outline=(230,) * 3)


_SCENES = {
    LIGHT: _light,
    CLUTTER: _clutter,
    WIRES: _wires,
    GREEN: _green,
    STRUCTURE: _structure,
    PARKING: _parking,
}
