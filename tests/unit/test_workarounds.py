"""Each workaround of a library's behaviour is still needed: these fail, without a browser, once the pinned library
stops doing what the workaround is for (then drop the workaround)."""

import ast
import re
from importlib.util import find_spec
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager

ROOT = Path(__file__).resolve().parents[2]
# found, not imported: the canvas package (and so mnist_knn/ui/canvas.py) can only be imported inside a running app
BUILD = Path(find_spec("streamlit_drawable_canvas").submodule_search_locations[0]) / "frontend" / "build"
STREAMLIT_JS = Path(find_spec("streamlit").submodule_search_locations[0]) / "static" / "static" / "js"
TOOLBAR_CSS = next(node.value.value for node in ast.parse((ROOT / "mnist_knn" / "ui" / "canvas.py").read_text()).body
                   if isinstance(node, ast.Assign) and node.targets[0].id == "TOOLBAR_OUTSIDE_CANVAS")


def test_streamlit_still_takes_a_pages_folder_for_the_old_pages_mode(monkeypatch):
    # ui/navigation.run_through_app switches a fresh server's first page visit back to app.py's navigation
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    PagesManager(str(ROOT / "app.py"))
    assert PagesManager.uses_pages_directory is True


def test_streamlit_still_marks_its_app_while_the_script_runs():
    # ui/announce.SAY_AND_KEEP_FOCUS keeps focus in place until a rerun has finished, by this mark; without it, only 2 s
    [bundle] = [path for path in STREAMLIT_JS.glob("index.*.js") if "data-test-script-state" in path.read_text()]
    source = bundle.read_text()
    assert re.search(r'"data-testid":`stApp`,"data-test-script-state":', source)
    assert "RUNNING=`running`" in source and "RERUN_REQUESTED=`rerunRequested`" in source


def test_streamlit_still_marks_what_a_rerun_is_about_to_remove():
    # ui/announce.SAY_AND_KEEP_FOCUS does not take a widget's lost focus for the person leaving it while it is marked so
    assert any('"data-testid":`stElementContainer`,"data-stale":' in path.read_text() for path in STREAMLIT_JS.glob("*.js"))


def test_streamlit_still_marks_an_uploaded_file_s_remove_button():
    # ui/announce.SAY_AND_KEEP_FOCUS hands focus back to an uploader's other control, never to the one that drops the file
    assert any("stFileChipDeleteBtn" in path.read_text() for path in STREAMLIT_JS.glob("*.js"))


def test_the_canvas_still_waits_200_ms_before_it_sends_a_stroke():
    # ui/canvas.SEND_WHEN_A_STROKE_ENDS presses the canvas's own send button instead of waiting
    [bundle] = BUILD.glob("index-*.js")
    source = bundle.read_text()
    delay_name = re.search(r"\.sender = \w+\(\(\w+\) => \w+\(\w+, \w+\), (\w+)\)", source).group(1)
    assert re.search(rf"\b{delay_name} = (\d+)", source).group(1) == "200"
    assert '"Update the app with this drawing"' in source  # the button the script presses, found by its title


def test_the_canvas_toolbar_still_floats_over_the_drawing_area():
    # ui/canvas.TOOLBAR_OUTSIDE_CANVAS pins it above the canvas; every selector it names is the component's own
    style = (BUILD / "index-style.css").read_text()
    assert re.search(r"\.dc-toolbar\s*\{[^}]*position:\s*absolute", style)
    [bundle] = BUILD.glob("index-*.js")
    source = bundle.read_text()
    for title in re.findall(r'title="([^"]+)"', TOOLBAR_CSS):
        assert f'"{title}"' in source
    for name in re.findall(r"\.(dc-[\w-]+)", TOOLBAR_CSS):
        assert name in style or name in source
