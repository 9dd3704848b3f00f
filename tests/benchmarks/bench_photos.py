"""Attaching a 12 MP phone photo (issue 13 §4): under 0.5 s; and stepping to one in the viewer.

    python tests/benchmarks/run.py photos          (or photos.attach, photos.viewer)

Program — services/photo_files.store_photo: read the file (refused by size first), SHA-256 of
its bytes, decode checked (a truncated file is refused), EXIF orientation, a 320 px thumbnail
(JPEG decoded at 1/8 scale with Image.draft), the original and the thumbnail written to
temporary names, fsync'd and renamed into the store. Raw — what a script would do with the
libraries alone: hashlib.sha256 of the bytes, shutil.copy, Pillow decoding the whole picture
and thumbnail() to 320 px, saved as JPEG (no draft, no fsync, no checks). Each repetition
stores into an empty folder (a new photo, never the "already stored" shortcut). The photo is
made here: 4000×3000, a gradient with noise, JPEG quality 90, EXIF orientation 6 (portrait).
"""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

from tests.benchmarks.support import Benchmark, Options, Result, Target, median, spread

WIDTH, HEIGHT = 4000, 3000


def phone_photo(path: Path) -> Path:
    """A 12 MP JPEG about the size a phone writes (a few MB), without numpy."""
    from PIL import Image

    gradient = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    channels = [
        Image.blend(gradient.rotate(angle), Image.effect_noise((WIDTH, HEIGHT), 40), 0.35)
        for angle in (0, 90, 180)
    ]
    image = Image.merge("RGB", channels)
    exif = image.getexif()
    exif[0x0112] = 6  # held turned, as phones do
    exif.get_ifd(0x8769)[0x9003] = "2026:11:20 14:05:09"
    image.save(path, "JPEG", quality=90, exif=exif)
    return path


def _raw_attach(source: Path, folder: Path) -> None:
    from PIL import Image

    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, folder / f"{digest}.jpg")
    with Image.open(source) as image:
        image.load()  # the whole picture decoded: thumbnail() alone would use draft itself
        image.thumbnail((320, 320))
        image.save(folder / f"{digest}-thumb.jpg", "JPEG", quality=82)


def photo_benchmarks(options: Options) -> list[Result]:
    from jinsha_desktop.services.photo_files import store_photo

    workdir = options.workdir / "photos"
    workdir.mkdir(parents=True, exist_ok=True)
    source = phone_photo(workdir / "IMG_20261120_140509.jpg")
    size_mb = source.stat().st_size / 1024 / 1024
    repeat = options.repetitions(7)
    program: list[float] = []
    raw: list[float] = []
    stored = None
    for n in range(repeat):  # alternating, so a busy moment of the machine hits both
        started = time.perf_counter()
        stored = store_photo(workdir / f"program-{n}", source)
        program.append(time.perf_counter() - started)
        started = time.perf_counter()
        _raw_attach(source, workdir / f"raw-{n}")
        raw.append(time.perf_counter() - started)
    assert stored is not None and (stored.width, stored.height) == (HEIGHT, WIDTH)
    return [
        Result(
            "photos.attach",
            f"attach a 12 MP phone JPEG ({size_mb:.1f} MB): hash, copy, 320 px thumbnail, "
            "written atomically (raw: hashlib + shutil.copy + Pillow thumbnail without draft)",
            "s",
            median(program),
            median(raw),
            Target(0.5, "value", strict=True, unit="s"),
            notes=[f"program: {spread(program)}", f"raw: {spread(raw)}"],
        )
    ]


def viewer_benchmarks(options: Options) -> list[Result]:
    """Stepping to the next 12 MP photo in the viewer (decoded at about twice the window, fitted
    and shown) against Qt alone doing it the plain way: QImageReader reading the whole photo
    (EXIF turned), QPixmap.fromImage, scaled to the same room."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImageReader, QPixmap
    from PySide6.QtWidgets import QApplication

    from jinsha_desktop.gui.dialogs.photo_viewer import PhotoViewer, ViewedPhoto

    app = QApplication.instance() or QApplication([])
    workdir = options.workdir / "viewer"
    workdir.mkdir(parents=True, exist_ok=True)
    source = phone_photo(workdir / "IMG_0.jpg")
    repeat = options.repetitions(7)
    copies = [source] + [
        Path(shutil.copy(source, workdir / f"IMG_{n}.jpg")) for n in range(1, repeat + 1)
    ]
    viewer = PhotoViewer([ViewedPhoto(path) for path in copies], 0)
    viewer.show()
    app.processEvents()  # laid out once, as on screen, before the first step is timed
    room = viewer.area.viewport().size()
    program: list[float] = []
    raw: list[float] = []
    for n in range(1, repeat + 1):
        started = time.perf_counter()
        viewer.show_next()
        program.append(time.perf_counter() - started)
        started = time.perf_counter()
        reader = QImageReader(str(copies[n]))
        reader.setAutoTransform(True)
        QPixmap.fromImage(reader.read()).scaled(
            room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        raw.append(time.perf_counter() - started)
    assert viewer.index == repeat and viewer.reduced
    viewer.close()
    return [
        Result(
            "photos.viewer",
            "photo viewer: step to the next 12 MP photo, decoded at about twice the window, "
            "fitted and shown (raw: QImageReader reading it whole, scaled to the same room)",
            "s",
            median(program),
            median(raw),
            None,
            notes=[f"viewer: {spread(program)}", f"raw: {spread(raw)}"],
        )
    ]


BENCHMARKS = [
    Benchmark("photos.attach", "attaching a 12 MP JPEG to a record: under 0.5 s", photo_benchmarks),
    Benchmark("photos.viewer", "stepping to the next 12 MP photo in the viewer", viewer_benchmarks),
]

if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.exit(f"run it through the runner: python {Path(__file__).parent / 'run.py'} photos")
