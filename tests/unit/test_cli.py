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


@pytest.mark.parametrize("command", ["download", "train", "evaluate", "predict", "info", "benchmark", "ablation"])
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
