"""The README's security promises, each tried: no user text as HTML, bounded uploads, no model from elsewhere."""

import re
from pathlib import Path

import cv2
import numpy as np

from tests.app.conftest import png, upload
from tests.drawing import redraw

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_NAME = '<img src=x onerror="alert(1)">**bold** [link](javascript:alert(2)).png'


def _app_sources() -> dict[Path, str]:
    return {path: path.read_text() for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("mnist_knn/**/*.py")]}


def test_html_is_rendered_in_two_places_only_the_stylesheet_and_pictures_made_of_escaped_text():
    raw_html = re.compile(r"unsafe_allow_html\s*=\s*True|\.html\(|components\.v1\.html\(|st_components\.html\(")
    renders = {str(path.relative_to(ROOT)): raw_html.findall(text) for path, text in _app_sources().items()}
    assert {path: found for path, found in renders.items() if found} == {
        "mnist_knn/ui/style.py": [".html("],  # one constant stylesheet
        "mnist_knn/ui/widgets.py": [".html("],  # `picture`: a Picture from mnist_knn/views/pictures.py, nothing else
    }
    assert "(where or st).html(made.html)" in (ROOT / "mnist_knn/ui/widgets.py").read_text()
    # every text a Picture holds goes through html.escape (tests/unit/test_pictures.py tries hostile captions)


def test_an_uploaded_file_name_is_never_echoed(open_page, mnist):
    app = open_page("pages/draw.py")
    upload(app, png(redraw(mnist[2][0], "paper")), HOSTILE_NAME)
    assert not app.exception and app.metric[0].value == str(mnist[3][0])
    shown = [str(getattr(element, "value", "")) + str(getattr(element, "caption", ""))
             for element in app.main if element.type != "file_uploader"]  # the uploader lists the name itself, as text
    assert not any("onerror" in text or "javascript:" in text for text in shown)


def test_a_12_megapixel_photo_is_read(open_page, mnist):
    photo = cv2.resize(redraw(mnist[2][0], "paper"), (3000, 4000), interpolation=cv2.INTER_LINEAR)  # a phone's 12 MP
    app = open_page("pages/draw.py")
    upload(app, png(photo), "photo.png")
    assert not app.exception and not app.error
    assert app.metric[0].value == str(mnist[3][0])


def test_an_upload_over_20_mb_gets_a_message_and_nothing_is_read(open_page, mnist):
    # Streamlit's uploader refuses it in the browser first (tests/e2e/test_draw.py); the page refuses it too.
    oversized = png(redraw(mnist[2][0], "paper")) + bytes(20 * 1024 * 1024)
    app = open_page("pages/draw.py")
    upload(app, oversized, "huge.png")
    assert not app.exception and "larger than 20 MB" in app.error[0].value
    assert not app.metric


def test_an_image_over_25_megapixels_gets_a_message(open_page):
    app = open_page("pages/draw.py")
    upload(app, png(np.full((6000, 5000), 230, np.uint8)), "poster.png")  # 30 megapixels of paper
    assert not app.exception and "up to 25 megapixels" in app.error[0].value
