"""Command line: help for every command, one-line errors without tracebacks."""

import subprocess
import sys

import cv2
import numpy as np
import pytest

from mnist_knn.cli import build_parser
from mnist_knn.model import NearestDigitClassifier
from mnist_knn.persistence import save_model
from tests.unit.synthetic import shapes


def _run(*args):
    return subprocess.run([sys.executable, "-m", "mnist_knn", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", ["download", "train", "evaluate", "predict", "info", "benchmark", "ablation", "wall"])
def test_every_command_has_help(command):
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args([command, "--help"])
    assert done.value.code == 0


def test_predict_on_a_text_file_says_so_and_fails(tmp_path):
    X, y = shapes(10)
    model_path = tmp_path / "tiny.joblib"
    save_model(NearestDigitClassifier(n_components=5).fit(X, y), model_path, {"name": "tiny"}, {})
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    result = _run("predict", str(text), "--model", str(model_path))
    assert result.returncode != 0
    assert "not a readable image" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_missing_model_is_one_line_error(tmp_path):
    result = _run("evaluate", "--model", str(tmp_path / "none.joblib"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and result.stderr.startswith("error: No model")


def test_predict_warns_about_scattered_ink(tmp_path):
    X, y = shapes(10)
    model_path = tmp_path / "tiny.joblib"
    save_model(NearestDigitClassifier(n_components=5).fit(X, y), model_path, {"name": "tiny"}, {})
    noise = tmp_path / "noise.png"
    cv2.imwrite(str(noise), np.random.default_rng(0).integers(0, 256, (100, 100), dtype=np.uint8))
    result = _run("predict", str(noise), "--model", str(model_path))
    assert result.returncode == 0 and "warning: The ink falls into" in result.stdout


def test_wall_export_writes_the_kaggle_layout_plus_who_when_and_what(wall_url, tmp_path):
    from mnist_knn.wall import ClassWall

    wall = ClassWall(wall_url)
    digit = np.arange(784, dtype=np.uint16).reshape(28, 28).astype(np.uint8)
    wall.submit(digit, 7, 0.9, session_id="s1", submission_id="a", nickname="Ada", intended=1, now=1_700_000_000.0)
    wall.submit(digit, 3, 0.6, session_id="s2", submission_id="b", nickname="", intended=None, now=1_700_000_060.0)
    output = tmp_path / "wall.csv"
    result = _run("wall", "export", "--db", wall_url, "--output", str(output))
    assert result.returncode == 0, result.stderr
    header, first, second = output.read_text().splitlines()
    assert header.split(",")[:2] == ["label", "pixel0"] and header.split(",")[-4:] == ["pixel783", "nickname", "time", "prediction"]
    assert first.split(",")[0] == "1" and first.split(",")[1:785] == [str(v) for v in digit.ravel()]
    assert first.split(",")[-3:] == ["Ada", "2023-11-14T22:13:20+00:00", "7"]
    assert second.split(",")[0] == "" and second.split(",")[-1] == "3"


def test_wall_export_from_an_unreachable_database_is_one_line(tmp_path):
    result = _run("wall", "export", "--db", "postgresql+psycopg://user:hunter2@127.0.0.1:1/none", "--output", str(tmp_path / "x.csv"))
    assert result.returncode == 2 and result.stderr.startswith("error: The class wall's database cannot be opened")
    assert "Traceback" not in result.stderr and "hunter2" not in result.stderr and not (tmp_path / "x.csv").exists()
