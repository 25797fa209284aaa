"""The digit reader: a first look in a learned space, an optional second look that lets pixels move, the nearest's vote,
and how far to trust it (non-digits searched beside, never voting; held-out digits calibrating); see its parameters."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils import Tags
from sklearn.utils.validation import check_is_fitted

from mnist_knn.model.augment import augment_training
from mnist_knn.model.features import SIDE, as_images, deskew, finite_digits, grey_levels, training_digits
from mnist_knn.model.judgement import calibrate_on_held_out
from mnist_knn.model.looks import ExtraExamples, Looks, Neighbors
from mnist_knn.model.neighbors import NumpyKNeighborsClassifier
from mnist_knn.model.parameters import PARAMETER_CONSTRAINTS
from mnist_knn.model.pen import pen_widths, with_even_pen
from mnist_knn.model.readings import Evidence, Reading
from mnist_knn.model.space import FirstLookSpace


class NearestDigitClassifier(ClassifierMixin, BaseEstimator):
    """k-NN on MNIST digits that also knows what is not a digit; every step lives inside, so it takes raw uint8 digits.

    Parameters
    ----------
    n_neighbors : int, default=3
        How many nearest training digits vote.
    weights : {"uniform", "distance"}, default="distance"
        One neighbour, one vote; or a vote of 1 / distance.
    feature_kind : {"gradients", "pixels"}, default="gradients"
        What is compared: gradient-orientation maps, or the raw grey levels.
    deskew : bool, default=True
        Straighten each digit's slant first.
    n_components : int or None, default=100
        PCA dimensions of the first look's space (None: no PCA).
    augmentation : {"none", "shift1", "pens", "pens+turns", "more pens", "pens+boxes"}, default="none"
        Copies of each training digit stored beside it: moved one pixel, drawn with a bolder and a finer pen, also
        turned by 8 degrees, with two bolder and two finer pens, or with a bolder and a finer pen and as a box-filling
        scan (stretched to fill a square, binary at 16 x 16). Copies are never of test digits.
    whitening : float or None, default=None
        Regularisation of the within-class whitening (a share of the mean eigenvalue); None: no whitening.
    metric_sample : int, default=0
        How many training digits (with a tenth as many `non_digits` as an eleventh class) a metric is learned from by
        NeighborhoodComponentsAnalysis after the whitening; 0: no learned metric.
    even_pen : bool, default=False
        Bring every digit, stored or read, to the training digits' median pen width first (by morphology).
    candidates : int, default=0
        How many first-look candidates the second look re-ranks; 0: no second look.
    agreement : int, default=10
        The second look runs only when this many nearest candidates do not all agree.
    warp_window : int, default=2
        How far (pixels) each pixel may move in the second look.
    warp_context : int, default=1
        Half-size of the neighbourhood each pixel is compared with in the second look.
    local_features : {"gradients", "pixels"}, default="gradients"
        What the second look compares at each pixel.
    first_look_share : float, default=0.0
        How much of the first look's distance the second look's ranking keeps.
    false_alarm_rate : float, default=0.01
        Share of held-out real digits allowed past the "far from every digit" limit (split between the looks); 0 puts
        the limit at the farthest held-out digit.
    non_digit_neighbors : int, default=30
        How many nearest examples, digits and non-digits together, judge whether a drawing is a digit.
    non_digit_vote : float, default=0.5
        From this share of their vote (1 / distance each) for "not a digit" on, a drawing is "not a digit".
    calibration_size : int, default=20_000
        Training digits read leave-one-out to calibrate "how sure" and the far limit (0: no calibration).
    random_state : int, default=0
        Seed of the calibration sample.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The digits it reads.
    training_labels_ : ndarray of shape (n_training_digits,)
        The label of each training digit: X's, then `more_digits`'.
    source_index_ : ndarray of shape (n_stored,)
        For each stored example (a training digit or one of its copies), the training digit it comes from.
    more_digit_images_ : ndarray of shape (n_more_digits, 28, 28)
        The other writers' digits given to `fit` (uint8), training digits from index len(X) on.
    pen_width_ : float or None
        The training digits' median pen width in pixels, that `even_pen` brings every digit to (None without it).
    space_ : FirstLookSpace
        The first look's features, PCA, whitening and learned metric, as one affine map.
    neighbors_ : NumpyKNeighborsClassifier
        The exact search over the stored examples' points in that space.
    straight_memory_ : ndarray of shape (n_stored, 28, 28) or None
        The stored examples straightened, uint8, for the second look (None without one).
    calibration_ : Calibration or None
        What held-out training digits taught: "how sure" per vote and the far limits (None with no calibration).
    non_digit_images_ : ndarray of shape (n_non_digits, 28, 28) or None
        The drawings of things that are not digits it remembers (None: none).
    non_digits_ : NumpyKNeighborsClassifier or None
        The search over them and their copies.
    non_digit_source_ : ndarray of shape (n_stored_non_digits,) or None
        For each of those stored, the drawing in `non_digit_images_` it comes from.
    n_features_in_ : int
        784: a digit's 28 x 28 grey levels.
    """

    _parameter_constraints: dict = PARAMETER_CONSTRAINTS

    def __init__(
        self,
        n_neighbors: int = 3,
        weights: str = "distance",
        feature_kind: str = "gradients",
        deskew: bool = True,
        n_components: int | None = 100,
        augmentation: str = "none",
        whitening: float | None = None,
        metric_sample: int = 0,
        even_pen: bool = False,
        candidates: int = 0,
        agreement: int = 10,
        warp_window: int = 2,
        warp_context: int = 1,
        local_features: str = "gradients",
        first_look_share: float = 0.0,
        false_alarm_rate: float = 0.01,
        non_digit_neighbors: int = 30,
        non_digit_vote: float = 0.5,
        calibration_size: int = 20_000,
        random_state: int = 0,
    ) -> None:
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.feature_kind = feature_kind
        self.deskew = deskew
        self.n_components = n_components
        self.augmentation = augmentation
        self.whitening = whitening
        self.metric_sample = metric_sample
        self.even_pen = even_pen
        self.candidates = candidates
        self.agreement = agreement
        self.warp_window = warp_window
        self.warp_context = warp_context
        self.local_features = local_features
        self.first_look_share = first_look_share
        self.false_alarm_rate = false_alarm_rate
        self.non_digit_neighbors = non_digit_neighbors
        self.non_digit_vote = non_digit_vote
        self.calibration_size = calibration_size
        self.random_state = random_state

    def __sklearn_tags__(self) -> Tags:
        """Input: 28 x 28 digits, as (n, 28, 28) or (n, 784) arrays of non-negative grey levels."""
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array, tags.input_tags.positive_only, tags.input_tags.sparse = True, True, False
        return tags

    def fit(self, X: np.ndarray, y: np.ndarray, non_digits: np.ndarray | None = None,
            more_digits: tuple[np.ndarray, np.ndarray] | None = None) -> NearestDigitClassifier:
        """Store the training digits and `more_digits` (other writers' digits, labels), with copies, in the first look's
        space and the `non_digits` (28 x 28 drawings) beside them; then calibrate on held-out digits of X alone."""
        self._validate_params()  # a bad setting fails here, with the allowed values, not later while reading
        images, labels, self.more_digit_images_ = training_digits(X, y, more_digits)
        n_x = len(images) - len(self.more_digit_images_)  # X's own digits: they alone calibrate
        self.n_features_in_ = SIDE * SIDE
        self.pen_width_ = float(np.median(pen_widths(images))) if self.even_pen else None
        memory_images, memory_labels, self.source_index_ = augment_training(images, labels, self.augmentation)
        straight = self.straighten(memory_images)
        non_digits = finite_digits(non_digits) if non_digits is not None and len(non_digits) else None
        others = self.straighten(non_digits) if self.metric_sample and non_digits is not None else None
        self.space_ = FirstLookSpace(self.feature_kind, self.n_components, self.whitening, self.metric_sample, self.random_state)
        points = self.space_.fit(straight[: len(images)], labels, others).transform(straight)
        self.non_digits_, self.non_digit_images_, self.non_digit_source_ = None, None, None  # a refit without any: none
        self.neighbors_ = NumpyKNeighborsClassifier(n_neighbors=self.n_neighbors, weights=self.weights).fit(points, memory_labels)
        self.classes_, self.training_labels_ = self.neighbors_.classes_, labels
        self.straight_memory_ = grey_levels(straight) if self.candidates else None
        self.calibration_ = calibrate_on_held_out(self, images[:n_x], labels[:n_x]) if self.calibration_size else None
        if non_digits is not None:
            self._remember_non_digits(non_digits)
        return self

    def _remember_non_digits(self, drawings: np.ndarray) -> None:
        """Store drawings of things that are not digits beside the digits (with copies as the digits have), leaving out
        those that pass for a digit: nearer to a training digit than a typical held-out digit is to its nearest."""
        typical = self.calibration_.first_look_scale if self.calibration_ else 0.0
        kept = self.neighbors_.search(self.embed(drawings), 1)[0][:, 0] > typical
        if kept.any():  # (when every one passes for a digit, there is nothing to learn from)
            self.non_digit_images_ = np.asarray(drawings[kept], dtype=np.uint8)
            copies, _, self.non_digit_source_ = augment_training(self.non_digit_images_, np.zeros(kept.sum()), self.augmentation)
            others = self.space_.transform(self.straighten(copies))  # stored like the digits
            self.non_digits_ = NumpyKNeighborsClassifier().fit(others, np.zeros(len(others), dtype=np.int64))

    def straighten(self, images: np.ndarray) -> np.ndarray:
        """What both looks compare: float32 digits (0-255), with an even pen if `even_pen`, deskewed if `deskew`."""
        images = with_even_pen(as_images(images), self.pen_width_) if self.even_pen else images
        return deskew(images) if self.deskew else as_images(images).astype(np.float32)

    def embed_straightened(self, straight: np.ndarray) -> np.ndarray:
        """Straightened digits (`straighten`'s output) -> points in the first look's search space (float32, C-contiguous)."""
        return self.space_.transform(straight)

    def embed(self, X: np.ndarray) -> np.ndarray:
        """Raw digits -> points in the space where the first look searches (float32, C-contiguous)."""
        check_is_fitted(self)
        return self.embed_straightened(self.straighten(finite_digits(X)))

    def search(self, X: np.ndarray, n_shown: int | None = None, extra: ExtraExamples | None = None,
               judge: bool = True) -> Evidence:
        """What reading raw digits finds before any vote: their `n_shown` nearest neighbours after both looks, each digit
        as the model compared it, and (with `judge`) whether each looks like a digit at all."""
        check_is_fitted(self)
        n_shown = n_shown or self.n_neighbors
        straight = self.straighten(finite_digits(X))
        looks = Looks.of(self, straight, extra, wanted=n_shown, judge=judge)
        calibration = self.calibration_
        first_scale, second_scale = (calibration.first_look_scale, calibration.second_look_scale) if calibration else (1.0, 1.0)
        neighbors = looks.ranked(first_scale, second_scale, self.first_look_share, n_shown)
        if calibration is None or not judge:  # while fitting, or for `predict`: nothing is judged
            return Evidence(neighbors, None, looks.non_digits, straight)
        share = looks.non_digits.share if looks.non_digits is not None else np.zeros(len(looks.first_nearest))
        novelty = calibration.novelty(looks.first_nearest / first_scale, looks.second_nearest / second_scale, share,
                                      self.non_digit_vote)
        return Evidence(neighbors, novelty, looks.non_digits, straight)

    def read(self, X: np.ndarray, n_shown: int | None = None, extra: ExtraExamples | None = None,
             judge: bool = True) -> Reading:
        """Read raw digits: their `n_shown` nearest neighbours after both looks, the model's own vote and the answer; with
        `judge`, also how sure to be and whether each looks like a digit at all (`predict` skips that)."""
        found = self.search(X, max(n_shown or self.n_neighbors, self.n_neighbors), extra, judge)
        shares = found.neighbors.shares(self.classes_, self.n_neighbors, self.weights)
        chance_right = (np.full(len(shares), np.nan) if found.novelty is None
                        else self.calibration_.chance_right(shares.max(axis=1), self.n_neighbors, self.weights))
        return Reading(found.neighbors.first(n_shown or self.n_neighbors), shares, self.classes_[np.argmax(shares, axis=1)],
                       chance_right, found.novelty, found.non_digits)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Share of the (weighted) vote of the n_neighbors nearest, for each class, after both looks."""
        return self.read(X, judge=False).shares

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The class with the largest vote."""
        return self.read(X, judge=False).predicted

    def nearest_training_digits(self, X: np.ndarray, n_neighbors: int | None = None,
                                extra: ExtraExamples | None = None) -> Neighbors:
        """The nearest digits of each input after both looks (among the training set, and `extra` examples when given)."""
        return self.read(X, n_neighbors, extra, judge=False).neighbors

    def remember(self, images: np.ndarray, labels: np.ndarray, vote_weights: np.ndarray | float = 1.0,
                 mine: np.ndarray | bool = False, nearness: np.ndarray | float = 1.0) -> ExtraExamples:
        """Examples to search beside the training set (a KNN learns by remembering), never part of the official evaluation;
        `vote_weights` and `nearness` say how much each counts (see ExtraExamples), `mine` marks a student's own."""
        images, labels = as_images(images), np.asarray(labels, dtype=np.int64)
        return ExtraExamples.of(images, labels, self.embed(images) if len(images) else None, vote_weights, mine, nearness)
