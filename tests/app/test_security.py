"""The README's security promises, each tried: no user text as HTML, bounded uploads, no model from elsewhere."""

import re
import tomllib
from pathlib import Path

from tests.app.conftest import png, upload
from tests.drawing import redraw

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_NAME = '<img src=x onerror="alert(1)">**bold** [link](javascript:alert(2)).png'


def _app_sources() -> dict[Path, str]:
    return {path: path.read_text() for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("mnist_knn/**/*.py")]}


def test_no_code_path_renders_raw_html():
    raw_html = re.compile(r"unsafe_allow_html\s*=\s*True|st\.html\(|components\.v1\.html\(|st_components\.html\(")
    offenders = [str(path.relative_to(ROOT)) for path, text in _app_sources().items() if raw_html.search(text)]
    assert offenders == []


def test_an_uploaded_file_name_is_never_echoed(open_page, mnist):
    app = open_page("pages/draw.py")
    upload(app, png(redraw(mnist[2][0], "paper")), HOSTILE_NAME)
    assert not app.exception and app.metric[0].value == str(mnist[3][0])
    shown = [str(getattr(element, "value", "")) + str(getattr(element, "caption", ""))
             for element in app.main if element.type != "file_uploader"]  # the uploader lists the name itself, as text
    assert not any("onerror" in text or "javascript:" in text for text in shown)


def test_uploads_are_bounded_in_bytes_and_pixels():
    from mnist_knn.images import MAX_PIXELS

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == 20  # MB, enforced by Streamlit before our code sees the file
    assert MAX_PIXELS == 25_000_000  # checked from the image header before decoding (see tests/unit/test_images.py)
