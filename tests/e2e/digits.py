"""Digits as mouse strokes in canvas pixels (0-280): what the browser tests, the latency script and the load test draw."""

import math


def ellipse(cx: float, cy: float, rx: float, ry: float, points: int = 28) -> list[tuple[float, float]]:
    """A closed ellipse, drawn clockwise from the top."""
    turns = [2 * math.pi * i / points for i in range(points + 1)]
    return [(cx + rx * math.sin(turn), cy - ry * math.cos(turn)) for turn in turns]


DIGITS = {
    "1": [[(140, 30), (142, 250)]],
    "7": [[(250, 12), (60, 12)], [(250, 12), (130, 262)]],  # the top bar starts under the old toolbar band
    "0": [ellipse(140, 140, 70, 110)],
    "4": [[(110, 30), (60, 170), (225, 170)], [(180, 80), (180, 265)]],
    "3": [[(70, 50), (140, 25), (210, 60), (150, 130), (215, 190), (140, 255), (65, 225)]],
}
# One stroke each: the prediction after lifting is the whole digit's (for timing mouse-up -> prediction).
SINGLE_STROKE = {digit: strokes[0] for digit, strokes in DIGITS.items() if len(strokes) == 1}

# Drawings that are not digits, as a person draws them with the mouse, and a 3 drawn with sharp corners (a pen tablet's).
NOT_DIGITS = {
    "capital A": [[(60, 260), (140, 20), (220, 260)], [(95, 160), (185, 160)]],
    "smiley": [ellipse(140, 140, 110, 110, 36), [(100, 100), (104, 106)], [(180, 100), (184, 106)],
               [(85, 170), (110, 205), (140, 215), (170, 205), (195, 170)]],
    "star": [[(140, 20), (210, 250), (25, 105), (255, 105), (70, 250), (140, 20)]],
}
SHARP_THREE = [[(70, 40), (200, 40), (120, 130), (215, 190), (150, 260), (60, 235)]]

# Two different European 1s (a long flag, no base), as a student draws them with the mouse.
EUROPEAN_ONES = [
    [[(70, 110), (175, 25), (170, 260)]],
    [[(80, 95), (185, 30), (165, 255)]],
]
