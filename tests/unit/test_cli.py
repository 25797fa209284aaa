"""Command line: help for every command, one-line errors without tracebacks."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from mnist_knn import NearestDigitClassifier
from mnist_knn.cli import build_parser
from mnist_knn.storage.card import ModelCard
from mnist_knn.storage.persistence import save_model
from tests.unit.synthetic import shapes


@pytest.mark.parametrize("command", ["download", "train", "evaluate", "predict", "info", "benchmark", "ablation",
                                     "representations", "docs", "teaching", "wall", "proxy-config"])
def test_every_command_has_help(command):
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args([command, "--help"])
    assert done.value.code == 0


def test_predict_on_a_text_file_says_so_and_fails(tmp_path, run):
    X, y = shapes(10)
    model_path = tmp_path / "tiny.joblib"
    save_model(NearestDigitClassifier(n_components=5).fit(X, y), model_path, ModelCard(name="tiny"), {})
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    result = run("predict", str(text), "--model", str(model_path))
    assert result.returncode != 0
    assert "not a readable image" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_the_entry_point_answers_a_missing_model_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mnist_knn", "evaluate", "--model", str(tmp_path / "none.joblib")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and result.stderr.startswith("error: No model")


def test_predict_says_not_a_digit_with_the_reason_on_that_files_line(tmp_path, run):
    X, y = shapes(20)
    model_path = tmp_path / "tiny.joblib"
    save_model(NearestDigitClassifier(n_components=5, candidates=20, calibration_size=60).fit(X, y), model_path,
               ModelCard(name="tiny"), {})
    noise, bar = tmp_path / "noise.png", tmp_path / "bar.png"
    cv2.imwrite(str(noise), np.random.default_rng(0).integers(0, 256, (100, 100), dtype=np.uint8))
    cv2.imwrite(str(bar), 255 - cv2.resize(X[0], (140, 140)))  # a vertical bar, as drawn on paper: a known shape
    result = run("predict", str(noise), str(bar), "--model", str(model_path))
    noise_line, bar_line = result.stdout.splitlines()
    assert result.returncode == 0 and noise_line.startswith(f"{noise}: not a digit: The ink falls into")
    assert bar_line.startswith(f"{bar}: 0 (chance right")


def test_wall_export_from_an_unreachable_database_is_one_line(tmp_path, run):
    unreachable = "postgresql+psycopg://user:hunter2@127.0.0.1:1/none"
    result = run("wall", "export", "--db", unreachable, "--output", str(tmp_path / "x.csv"))
    assert result.returncode == 2 and result.stderr.startswith("error: The classroom's database cannot be opened")
    assert "Traceback" not in result.stderr and "hunter2" not in result.stderr and not (tmp_path / "x.csv").exists()


def test_proxy_config_balances_the_named_servers_and_refuses_what_is_not_one(run):
    written = run("proxy-config", "--server", "10.0.0.5:8501", "--server", "10.0.0.6:8501", "--listen", "8080")
    assert written.returncode == 0
    assert "server 10.0.0.5:8501;" in written.stdout and "server 10.0.0.6:8501;" in written.stdout
    assert "listen 8080;" in written.stdout and "proxy_set_header Upgrade $http_upgrade;" in written.stdout
    refused = run("proxy-config", "--server", "10.0.0.5:8501; include /etc/passwd")
    assert refused.returncode == 2 and refused.stderr.startswith("error: '10.0.0.5:8501; include /etc/passwd' is not")


def test_proxy_config_has_nginx_send_streamlits_page_code_itself_unless_told_not_to(run, tmp_path):
    frontend = Path(importlib.util.find_spec("streamlit").submodule_search_locations[0]) / "static"
    written = run("proxy-config", "--server", "10.0.0.5:8501").stdout
    assert f'root "{frontend}";' in written and "try_files $uri @digit_lab;" in written  # missing here: an app server
    assert (frontend / "static" / "js").is_dir()  # what /static/js/... names under that root
    assert "location /static/" not in run("proxy-config", "--server", "10.0.0.5:8501", "--no-static").stdout
    (tmp_path / "copy" / "static").mkdir(parents=True)  # a readable copy of the folder, named relative to here
    copied = run("proxy-config", "--server", "10.0.0.5:8501", "--static", os.path.relpath(tmp_path / "copy"))
    assert f'root "{tmp_path / "copy"}";' in copied.stdout
    (tmp_path / 'x"; include passwd; "' / "static").mkdir(parents=True)  # a real folder, named to break out of the site
    for folder, why in ((str(tmp_path / 'x"; include passwd; "'), "is not a folder nginx can be given"),
                        (str(tmp_path), "holds no Streamlit page code")):  # no static/ in it
        refused = run("proxy-config", "--server", "10.0.0.5:8501", "--static", folder)
        assert refused.returncode == 2 and why in refused.stderr and not refused.stdout, refused
