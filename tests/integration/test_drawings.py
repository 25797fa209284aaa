"""Each student's drawings in the classroom database (both backends), and how they and the wall leave the app."""

import csv
import io
import zipfile

import cv2
import numpy as np
import pytest

from mnist_knn.classroom.database import ClassroomError
from mnist_knn.classroom.drawings import KEEP_DAYS, DrawingStore, new_token, student_drawings
from mnist_knn.classroom.exports import PIXEL_COLUMNS, kaggle_csv, png_zip


def _digit(value: int) -> np.ndarray:
    digit = np.zeros((28, 28), np.uint8)
    digit[4:24, 12:16] = value
    return digit


def test_more_strokes_on_one_canvas_replace_its_drawing_and_a_new_canvas_adds_one(wall_url):
    store, me = DrawingStore(wall_url), new_token()
    store.record(me, "canvas-0", _digit(100), 1, 0.5, False)
    store.record(me, "canvas-0", _digit(200), 7, 0.9, False)
    store.record(me, "canvas-1", _digit(50), 4, None, True)
    drawings = store.drawings(me)
    assert [(d.source, d.predicted, d.label, d.not_a_digit) for d in drawings] == [("canvas-0", 7, 7, False),
                                                                                    ("canvas-1", 4, None, True)]
    assert drawings[0].digit.max() == 200 and drawings[0].chance_right == pytest.approx(0.9) and drawings[1].chance_right is None


def test_nothing_of_one_student_is_visible_to_another_and_the_token_is_not_stored(wall_url):
    store, me, you = DrawingStore(wall_url), new_token(), new_token()
    store.record(me, "canvas-0", _digit(100), 1, 0.5, False)
    assert store.drawings(you) == [] and store.forget(you) == 0
    store.set_label(you, store.drawings(me)[0].id, 8)  # another student's label change touches nothing of mine
    assert store.drawings(me)[0].label == 1
    with store.engine.connect() as connection:
        students = [row.student for row in connection.execute(student_drawings.select())]
    assert students and me not in students[0]
    with pytest.raises(ClassroomError, match="no student token"):
        store.drawings("")


def test_corrected_labels_stay_and_clear_forgets_everything(wall_url):
    store, me = DrawingStore(wall_url), new_token()
    store.record(me, "canvas-0", _digit(100), 1, 0.5, False)
    store.record(me, "upload-1", _digit(90), 3, 0.8, False)
    first = store.drawings(me)[0]
    store.set_label(me, first.id, 7)
    store.set_label(me, store.drawings(me)[1].id, None)
    assert [d.label for d in DrawingStore(wall_url).drawings(me)] == [7, None]  # another server sees the same
    with pytest.raises(ClassroomError, match="0 to 9"):
        store.set_label(me, first.id, 12)
    assert store.forget(me) == 2 and store.drawings(me) == []


def test_drawings_older_than_the_keeping_time_are_deleted_when_one_is_recorded(wall_url):
    store, me, you = DrawingStore(wall_url), new_token(), new_token()
    store.record(me, "canvas-0", _digit(100), 1, 0.5, False, now=1_000.0)
    store.record(you, "canvas-0", _digit(100), 2, 0.5, False, now=1_000.0 + KEEP_DAYS * 86_400 - 60)
    assert len(store.drawings(me)) == 1
    store.record(you, "canvas-1", _digit(100), 2, 0.5, False, now=1_000.0 + KEEP_DAYS * 86_400 + 60)
    assert store.drawings(me) == [] and len(store.drawings(you)) == 2


def test_read_right_is_where_the_reading_agrees_with_the_label_a_refusal_with_none(wall_url):
    store, me = DrawingStore(wall_url), new_token()
    for number, (predicted, not_a_digit) in enumerate([(3, False), (3, False), (0, True), (0, True)]):
        store.record(me, f"canvas-{number}", _digit(60 + 10 * number), predicted, None if not_a_digit else 0.9, not_a_digit)
    drawings = store.drawings(me)
    store.set_label(me, drawings[1].id, 5)  # a 3 the student meant as 5
    store.set_label(me, drawings[3].id, 8)  # refused, though the student meant 8
    assert [drawing.read_right for drawing in store.drawings(me)] == [True, False, True, False]
    # only a label picked tells the model's reading apart: the others still hold the reading they started with
    assert [drawing.labelled for drawing in store.drawings(me)] == [False, True, False, True]
    store.set_label(me, drawings[0].id, 3)  # the digit it was read as, picked: taught, so labelled
    store.set_label(me, drawings[2].id, None)  # "not a digit" picked for a refusal: no different from the reading
    assert [drawing.labelled for drawing in store.drawings(me)] == [True, True, False, True]


def test_kaggle_csv_reads_back_to_the_same_pixels_and_labels():
    digits = [_digit(255), _digit(17)]
    text = kaggle_csv(digits, [4, None])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["label", *PIXEL_COLUMNS] and len(rows[0]) == 785
    assert rows[1][0] == "4" and rows[2][0] == ""
    assert np.array_equal(np.array(rows[2][1:], dtype=np.uint8).reshape(28, 28), digits[1])


def test_png_zip_holds_one_greyscale_digit_per_drawing():
    with zipfile.ZipFile(io.BytesIO(png_zip([_digit(255), _digit(9)], [1, None]))) as archive:
        names = archive.namelist()
        image = cv2.imdecode(np.frombuffer(archive.read(names[1]), np.uint8), cv2.IMREAD_UNCHANGED)
    assert names == ["001_label-1.png", "002_not-a-digit.png"]
    assert image.shape == (28, 28) and np.array_equal(image, _digit(9))


def test_picking_the_digit_meant_teaches_the_students_memory_and_undo_forgets_it(wall_url):
    store, me, you = DrawingStore(wall_url), new_token(), new_token()
    store.record(me, "canvas-0", _digit(100), 7, 0.9, False)
    before = store.memory_version(me)
    store.teach(me, "canvas-0", 1)
    [taught] = store.memory(me)
    assert (taught.label, taught.predicted, taught.taught) == (1, 7, True) and store.memory_version(me) != before
    store.record(me, "canvas-0", _digit(100), 1, 0.99, False)  # read again, with what it was taught: it stays as taught ...
    assert [(d.label, d.predicted) for d in store.memory(me)] == [(1, 7)]  # ... and what it was read as before stays
    assert store.memory(you) == []  # one student's teaching is theirs alone
    store.teach(me, "canvas-0", 4)  # picking again changes the label
    assert [d.label for d in store.memory(me)] == [4]
    store.teach(me, "canvas-0", None)  # undo: the label follows the reading again, nothing is taught
    assert store.memory(me) == [] and store.drawings(me)[0].label == 7
    store.teach(me, "canvas-0", 3)
    store.record(me, "canvas-0", _digit(200), 8, 0.9, False)  # a new stroke makes a new drawing on the canvas ...
    [taught] = store.memory(me)  # ... and the one taught stays taught, under a name of its own
    assert taught.label == 3 and taught.digit.max() == 100 and taught.source != "canvas-0"
    assert store.drawing(me, "canvas-0").label == 8 and not store.drawing(me, "canvas-0").taught


def test_an_empty_canvas_cannot_be_taught(wall_url):
    with pytest.raises(ClassroomError, match="empty canvas cannot be taught"):
        DrawingStore(wall_url).teach(new_token(), "canvas-9", 3)


def test_the_memory_has_a_size_limit_with_a_message(wall_url, monkeypatch):
    from mnist_knn.classroom import drawings

    monkeypatch.setattr(drawings, "MEMORY_LIMIT", 2)
    store, me = DrawingStore(wall_url), new_token()
    for number in range(3):
        store.record(me, f"canvas-{number}", _digit(50 + number), 7, 0.9, False)
    store.teach(me, "canvas-0", 1)
    store.teach(me, "canvas-1", 1)
    store.teach(me, "canvas-1", 2)  # relabelling a taught drawing is not one more
    with pytest.raises(ClassroomError, match="memory is full: you have taught it 2 drawings"):
        store.teach(me, "canvas-2", 1)
    assert len(store.memory(me)) == 2


def test_clear_my_drawings_forgets_the_memory_too(wall_url):
    store, me = DrawingStore(wall_url), new_token()
    store.record(me, "canvas-0", _digit(100), 7, 0.9, False)
    store.teach(me, "canvas-0", 1)
    assert store.forget(me) == 1 and store.memory(me) == [] and store.memory_version(me)[0] == 0


def test_wall_export_writes_the_kaggle_layout_plus_who_when_and_what(wall_url, tmp_path, run):
    from mnist_knn.classroom.wall import ClassWall

    wall = ClassWall(wall_url)
    digit = np.arange(784, dtype=np.uint16).reshape(28, 28).astype(np.uint8)
    wall.submit(digit, 7, 0.9, session_id="s1", submission_id="a", nickname="Ada", intended=1, now=1_700_000_000.0)
    wall.submit(digit, 3, 0.6, session_id="s2", submission_id="b", nickname="", intended=None, now=1_700_000_060.0)
    output = tmp_path / "wall.csv"
    result = run("wall", "export", "--db", wall_url, "--output", str(output))
    assert result.returncode == 0, result.stderr
    header, first, second = output.read_text().splitlines()
    columns = header.split(",")
    assert columns[:2] == ["label", "pixel0"] and columns[-4:] == ["pixel783", "nickname", "time", "prediction"]
    assert first.split(",")[0] == "1" and first.split(",")[1:785] == [str(v) for v in digit.ravel()]
    assert first.split(",")[-3:] == ["Ada", "2023-11-14T22:13:20+00:00", "7"]
    assert second.split(",")[0] == "" and second.split(",")[-1] == "3"
