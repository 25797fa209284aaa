"""Lighthouse's accessibility score for Draw & Predict (as opened) and the Class wall (12 drawings on it): a measurement.

    python -m tests.e2e.lighthouse

Installs the pinned Lighthouse (tests/e2e/lighthouse/package-lock.json) with npm where it is missing, starts the app
on a throw-away classroom database, and prints each page's score and the audits that failed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from mnist_knn.classroom.wall import ClassWall
from mnist_knn.storage.data import load_mnist
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, running_app

HERE = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
PAGES = {"Draw & Predict": "", "Class wall": "class_wall"}


def _score(url: str, report: Path) -> tuple[float, list[str]]:
    """Lighthouse's accessibility score (0-100) for one URL, and the titles of the audits it failed."""
    subprocess.run([str(LIGHTHOUSE), url, "--only-categories=accessibility", "--output=json", f"--output-path={report}",
                    "--quiet", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}", "--max-wait-for-load=60000"],
                   check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    result = json.loads(report.read_text())
    failed = [audit["title"] for audit in result["audits"].values() if audit.get("score") == 0]
    return 100 * result["categories"]["accessibility"]["score"], failed


def main() -> int:
    """Print each page's score; exit 1 when one is under 95."""
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--prefix", str(HERE), "--no-audit", "--no-fund", "--silent"], check=True)
    worst = 100.0
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        database = f"sqlite:///{folder / 'classroom.sqlite3'}"
        wall, (_, _, X_test, y_test) = ClassWall(database), load_mnist()
        for number in range(12):
            wall.submit(X_test[number], int(y_test[number]), 0.9, session_id=f"s{number}", submission_id=f"lh-{number}",
                        nickname=f"student {number + 1}", intended=int(y_test[number]) if number % 3 else None)
        with running_app({"MNIST_KNN_DB": database}) as url:
            for title, path in PAGES.items():
                score, failed = _score(f"{url}/{path}", folder / f"{path or 'draw'}.json")
                worst = min(worst, score)
                print(f"{title}: accessibility {score:.0f}" + (f"; failed: {'; '.join(failed)}" if failed else ""))
    return 0 if worst >= 95 else 1


if __name__ == "__main__":
    sys.exit(main())
