"""Without a model every page says so and offers the build; the build button makes a working model."""

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from mnist_knn.storage.records import search_record_path
from tests.app.conftest import APP

PAGES = ["pages/draw.py", "pages/dataset.py", "pages/metrics.py", "pages/mistakes.py"]


@pytest.fixture()
def empty_models(tmp_path, monkeypatch):
    """A models folder as a fresh clone has it: the committed search record, no model."""
    shutil.copy(search_record_path(), tmp_path / search_record_path().name)
    monkeypatch.setenv("MNIST_KNN_MODELS", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("page", ["pages/metrics.py", "pages/mistakes.py"])
def test_pages_offer_to_build_the_missing_model(empty_models, page, mnist):
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.switch_page(page).run()
    assert not app.exception
    assert "no usable model yet" in app.warning[0].value
    assert app.button(key=f"{page.split('/')[1][:-3]}_build")


def test_dataset_page_works_without_a_model(empty_models, mnist):
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    app.switch_page("pages/dataset.py").run()
    assert not app.exception and not app.warning


def test_build_button_builds_a_model_the_page_then_uses(empty_models, mnist):
    # the whole default model is built in the script run: 267 s in one CI run, over 300 s in a fresh clone here
    app = AppTest.from_file(str(APP), default_timeout=900).run()
    assert "no usable model yet" in app.warning[0].value
    app.button(key="draw_build").click().run()
    assert not app.exception
    assert (empty_models / "default.joblib").is_file() and (empty_models / "default.json").is_file()
    assert not app.warning and "Draw one digit" in app.info[0].value


def test_a_models_folder_that_is_not_a_folder_gets_messages_not_tracebacks(tmp_path, monkeypatch, mnist):
    blocker = tmp_path / "models"
    blocker.write_text("a file where the models folder should be")
    monkeypatch.setenv("MNIST_KNN_MODELS", str(blocker))
    app = AppTest.from_file(str(APP), default_timeout=300).run()
    assert not app.exception and "no usable model yet" in app.warning[0].value
    app.button(key="draw_build").click().run()
    assert not app.exception and app.error[0].value.startswith("The build failed:")


def _copy_default_model(folder, suffixes, monkeypatch) -> None:
    """Copy files of the default model into `folder` and point the app at it."""
    from mnist_knn.storage.persistence import default_model_path

    for suffix in suffixes:
        shutil.copy(default_model_path().with_suffix(suffix), folder / f"default{suffix}")
    monkeypatch.setenv("MNIST_KNN_MODELS", str(folder))


@pytest.mark.parametrize("page", ["pages/mistakes.py", "pages/how_knn.py"])
def test_missing_stored_predictions_get_a_build_offer(tmp_path, monkeypatch, mnist, default_model, page):
    _copy_default_model(tmp_path, (".joblib", ".json"), monkeypatch)  # the model and its card, without its predictions
    app = AppTest.from_file(str(APP), default_timeout=120).run()
    app.switch_page(page).run()
    assert not app.exception and "predictions.npz is missing" in app.warning[0].value


def test_a_tampered_model_is_refused_and_the_rebuild_offered(tmp_path, monkeypatch, mnist, default_model):
    _copy_default_model(tmp_path, (".joblib", ".json", ".predictions.npz"), monkeypatch)
    model_file = tmp_path / "default.joblib"
    data = bytearray(model_file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    model_file.write_bytes(bytes(data))
    app = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not app.exception and "does not match the SHA-256" in app.warning[0].value
    assert app.button(key="draw_build")
