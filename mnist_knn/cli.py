"""Command line: the sub-commands of `python -m mnist_knn` (build_parser lists them)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tqdm import tqdm

from mnist_knn import config
from mnist_knn.classroom.database import ClassroomError
from mnist_knn.lab.docs import write_tables
from mnist_knn.lab.summary import card_lines, reading_lines
from mnist_knn.proxy import site_arguments
from mnist_knn.storage import data, records
from mnist_knn.storage.persistence import ModelError, read_card

BUILD_BAR = "{desc}: {percentage:3.0f}%|{bar}| {elapsed}<{remaining} {postfix}"  # tqdm's bar, with the current step


def log(message: str) -> None:
    """Progress and status lines go to stderr, results to stdout."""
    print(message, file=sys.stderr, flush=True)


def model_path(args: argparse.Namespace) -> Path:
    """The model a command works on: --model PATH or the default."""
    from mnist_knn.storage.persistence import default_model_path

    return Path(args.model) if getattr(args, "model", None) else default_model_path()


def command_download(args: argparse.Namespace) -> int:
    """Fetch and verify the four MNIST files."""
    directory = data.ensure_mnist(log=log)
    print(f"MNIST verified in {directory}")
    return 0


def command_train(args: argparse.Namespace) -> int:
    """Search hyperparameters by CV (--search), then build and save the model."""
    from mnist_knn.lab import tuning
    from mnist_knn.lab.training import build_model
    from mnist_knn.storage.persistence import verified_bytes

    if args.if_missing and not args.search:
        try:
            verified_bytes(model_path(args))
            print(f"Model ready: {model_path(args)}")
            return 0
        except ModelError as error:
            log(f"Building the model: {error}")
    if args.search:
        X_train, y_train, _, _ = data.load_mnist()
        record = tuning.search(X_train, y_train)
        path = records.write_record(record, records.search_record_path())
        print(f"Winner {record['winner']['params']} -> {path}")
    with tqdm(total=100, desc="Building the model", unit="%", bar_format=BUILD_BAR, disable=None) as bar:
        def progress(fraction: float, message: str) -> None:
            bar.set_postfix_str(message)
            bar.update(round(100 * fraction) - bar.n)

        card = build_model(path=model_path(args), progress=progress)
    print("\n".join(card_lines(card)))
    return 0


def command_evaluate(args: argparse.Namespace) -> int:
    """Print the saved evaluation, or re-run it on the test set with --recompute."""
    path = model_path(args)
    card = read_card(path)
    if args.recompute:
        from mnist_knn.lab.evaluate import summary_metrics
        from mnist_knn.storage.persistence import load_model

        _, _, X_test, y_test = data.load_mnist()
        metrics = summary_metrics(y_test, load_model(path).predict_proba(X_test))
        for name, value in metrics.items():
            saved = card.evaluation.metrics[name]
            print(f"test {name:<19} {value:.4f}  (saved {saved:.4f})")
        return 0
    print("\n".join(card_lines(card)))
    return 0


def command_predict(args: argparse.Namespace) -> int:
    """Read each image file: the digit and how sure, or "not a digit" with the reason, on one line per file."""
    from mnist_knn.reading.drawing import read_drawing
    from mnist_knn.reading.images import read_image
    from mnist_knn.storage.persistence import load_model

    model, failures = load_model(model_path(args)), 0
    for name in args.files:
        try:
            image = read_image(Path(name))
        except ValueError as error:
            print(f"{name}: error: {error}")
            failures += 1
            continue
        started = time.perf_counter()
        reading = read_drawing(image, model=model)
        print("\n".join(reading_lines(name, reading, 1000 * (time.perf_counter() - started))))
        failures += reading is None
    return 1 if failures else 0


def command_info(args: argparse.Namespace) -> int:
    """Say where data and models are and whether they are ready."""
    directory = config.data_dir()
    present = [spec.name for spec in data.IDX_FILES if (directory / spec.name).is_file()]
    print(f"data         {directory} ({len(present)}/4 MNIST files present)")
    path = model_path(args)
    try:
        card = read_card(path)
    except ModelError as error:
        print(f"model        {error}")
        return 0
    print(f"model file   {path}")
    print("\n".join(card_lines(card)))
    return 0


def command_benchmark(args: argparse.Namespace) -> int:
    """Time one drawing and the 10k test set: the app's path, our first look alone, scikit-learn on the same first look,
    and the textbook raw-pixel KNN; then the model's size and this process's memory."""
    from mnist_knn.lab import benchmark

    print("\n".join(benchmark.run(model_path(args), args.drawings, args.ours_only, args.memory)))
    return 0


def command_ablation(args: argparse.Namespace) -> int:
    """Build every searched configuration and the seeds' baselines, score and time them, save the frontier report."""
    from mnist_knn.lab import ablation

    report = ablation.run(records.read_search_record(), data.load_mnist())
    path = records.write_record(report, records.frontier_report_path())
    print(ablation.table(report))
    print(f"report: {path}")
    return 0


def command_representations(args: argparse.Namespace) -> int:
    """Score representations beside the search's choice on the validation splits; the rule's pick is what `train` builds."""
    from mnist_knn.lab import representations

    search = records.read_search_record()
    record = representations.run(search, *data.load_mnist()[:2])
    print("\n".join(representations.lines(record)))
    print(f"record: {records.write_record(record, records.representations_record_path())}")
    adopted = records.write_record(representations.adopt(search, record), records.search_record_path())
    print(f"chosen: {record['chosen']} (`train` builds it: {adopted})")
    return 0


def command_teaching(args: argparse.Namespace) -> int:
    """Simulate writers teaching the model their hand; record which scale of their own examples' distance to use."""
    from mnist_knn.lab import teaching
    from mnist_knn.storage.persistence import load_model

    record = teaching.simulate(load_model(model_path(args)))
    records.write_record(record, records.teaching_record_path())
    print("\n".join(teaching.lines(record)))
    return 0


def command_docs(args: argparse.Namespace) -> int:
    """Write docs/model-tables.md from the committed records."""
    print(f"wrote {write_tables()}")
    return 0


def command_wall_export(args: argparse.Namespace) -> int:
    """Write every class-wall drawing as CSV: Kaggle's label,pixel0..pixel783 plus nickname, time and prediction."""
    from mnist_knn.classroom.exports import wall_csv
    from mnist_knn.storage.files import write_atomically

    text, count = wall_csv(args.db)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        write_atomically(Path(args.output), text.encode())
        print(f"{count} drawings -> {args.output}")
    return 0


def command_proxy_config(args: argparse.Namespace) -> int:
    """Print the nginx site that balances several app servers, each browser kept on one."""
    from mnist_knn.proxy import nginx_site, page_code_folder

    sys.stdout.write(nginx_site(args.server, args.listen, None if args.no_static else page_code_folder(args.static)))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per task."""
    parser = argparse.ArgumentParser(prog="python -m mnist_knn", description="Digit Lab: MNIST k-nearest-neighbour tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    with_model = argparse.ArgumentParser(add_help=False)  # the option every model command shares
    with_model.add_argument("--model", help="model file (default: models/default.joblib)")
    commands.add_parser("download", help="fetch and verify MNIST").set_defaults(run=command_download)
    train = commands.add_parser("train", help="build the default model from the recorded configuration", parents=[with_model])
    train.add_argument("--search", action="store_true", help="first choose hyperparameters by cross-validation")
    train.add_argument("--if-missing", action="store_true", help="only build when no verified model is there")
    train.set_defaults(run=command_train)
    evaluate = commands.add_parser("evaluate", help="the model's figures: MNIST's test set and each set beyond MNIST",
                                   parents=[with_model])
    evaluate.add_argument("--recompute", action="store_true", help="run the test set again and compare")
    evaluate.set_defaults(run=command_evaluate)
    predict = commands.add_parser("predict", help="read digits in image files, as the draw page does", parents=[with_model])
    predict.add_argument("files", nargs="+", metavar="FILE")
    predict.set_defaults(run=command_predict)
    commands.add_parser("info", help="where data and model are; the model's numbers", parents=[with_model]).set_defaults(
        run=command_info)
    benchmark = commands.add_parser("benchmark", help="time one drawing and the 10k test set", parents=[with_model])
    benchmark.add_argument("--drawings", type=int, default=200, help="how many drawings to time")
    benchmark.add_argument("--ours-only", action="store_true", help="skip the scikit-learn and textbook-KNN contenders")
    benchmark.add_argument("--memory", type=int, default=0, help="read with this many drawings taught (and pen copies)")
    benchmark.set_defaults(run=command_benchmark)
    ablation = commands.add_parser("ablation", help="the accuracy / speed frontier of every searched configuration and baselines")
    ablation.set_defaults(run=command_ablation)
    commands.add_parser("representations", help="try other representations").set_defaults(run=command_representations)
    commands.add_parser("docs", help="write docs/model-tables.md from models/*.json").set_defaults(run=command_docs)
    commands.add_parser("teaching", help="simulate writers teaching their hand: how much their own examples count",
                        parents=[with_model]).set_defaults(run=command_teaching)
    wall = commands.add_parser("wall", help="the class wall").add_subparsers(dest="wall_command", required=True)
    export = wall.add_parser("export", help="write the wall as CSV (label = the digit the student meant, empty if not said)")
    export.add_argument("--output", "-o", default="class-wall.csv",
                        help="CSV file to write, or - for stdout (default: class-wall.csv)")
    export.add_argument("--db", help="database URL (default: MNIST_KNN_DB, else the SQLite file under data/)")
    export.set_defaults(run=command_wall_export)
    proxy = commands.add_parser("proxy-config", help="print an nginx site for several app servers sharing one class wall")
    site_arguments(proxy)
    proxy.set_defaults(run=command_proxy_config)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; expected failures print one line and exit non-zero."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (data.DataUnavailableError, ModelError, ClassroomError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
