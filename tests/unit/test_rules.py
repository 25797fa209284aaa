"""The recorded rules that choose: a variant beyond MNIST, the "not a digit" line on a built model's curve, a
representation adopted, the weight of a student's own examples."""

from mnist_knn.lab import beyond_mnist, representations, teaching, writers_search


def _point(vote: float, refused: float, caught: float) -> dict:
    return {"non_digit_vote": vote, "chosen": False, "digits_refused": refused, "non_digits_caught": caught}


def test_the_line_catches_the_most_while_refusing_at_most_the_rules_share_of_digits():
    curve = [_point(0.4, 0.030, 0.86), _point(0.5, 0.021, 0.84), _point(0.55, 0.019, 0.82), _point(0.6, 0.018, 0.82)]
    assert beyond_mnist.line_on_curve(curve) == 0.55  # 0.5 refuses more than 2 %; 0.6 catches no more: the lower vote
    assert beyond_mnist.line_on_curve([_point(0.5, 0.05, 0.9), _point(0.9, 0.03, 0.5)]) == 0.9  # none allowed: fewest refused


def _variant(read_right: float, hold_out: float = 0.995, **params) -> dict:
    return {"mnist_hold_out": hold_out, "mean_read_right": read_right,
            "params": {"n_components": 100, "augmentation": "none", "candidates": 50, **params}}


def test_a_variant_is_chosen_by_what_the_model_as_built_would_store_its_other_writers_digits_included():
    wide = _variant(0.950, n_components=150)  # 1,384 bytes a digit: 79 MB for MNIST's 60,000, 111 MB beside 24,000 more
    rows = [wide, _variant(0.946), _variant(0.960, hold_out=0.993), _variant(0.970, augmentation="pens")]
    assert writers_search.choose(rows, 60_000) is wide  # the others: MNIST's hold-out under 99.4 %, 3 copies over 110 MB
    assert writers_search.choose(rows, 84_000) is rows[1]
    assert writers_search.choose([_variant(0.9461, candidates=0), rows[1]], 60_000)["params"]["candidates"] == 0  # a tie


def _row(name: str, hold_out: float) -> dict:
    return {"representation": name, "mnist_hold_out": hold_out, "params": {"n_neighbors": 6, "candidates": 0},
            "judgement": {"non_digit_vote": 0.45, "far_limit": 1.0}}


def test_a_representation_the_rule_chooses_becomes_what_train_builds_with_its_own_judgement():
    search = {"winner": {"params": {"n_neighbors": 6}}, "table": []}
    kept = {"rows": [_row(representations.CHANGES[0][0], 0.994), _row("other", 0.995)], "chosen": representations.CHANGES[0][0]}
    assert "representation" not in representations.adopt(search, kept)["winner"]  # the search's own choice, built again
    adopted = representations.adopt(search, {**kept, "chosen": "other"})
    assert adopted["winner"]["params"] == {"n_neighbors": 6, "candidates": 0, "non_digit_vote": 0.45, "false_alarm_rate": 0.0}
    assert adopted["winner"]["representation"] == "other" and adopted["table"] == [] and search["winner"]["params"] == {
        "n_neighbors": 6}


def _teaching(nearness: float, weight: float, taught: int, style: float, others: float) -> dict:
    return {"nearness": nearness, "weight": weight, "taught": taught, "style_read_right": style,
            "other_digits_read_right": others}


def test_a_student_s_weight_may_cost_their_other_digits_no_more_than_remembering_the_drawings_plainly_does():
    table = [_teaching(1.0, 1.0, 0, 0.3, 0.99), _teaching(1.0, 1.0, 3, 0.6, 0.975), _teaching(1.0, 8.0, 3, 0.87, 0.975),
             _teaching(0.7, 8.0, 3, 0.93, 0.946)]
    assert teaching.choose(table) == (1.0, 8.0)  # 0.7 reads more of the style but costs 2.9 points more than plain
