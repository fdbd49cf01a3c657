#!/usr/bin/env python3
"""Writes the synthetic "two moons" dataset of the CSV example to stdout.

Two interleaving half circles (as scikit-learn's make_moons draws them),
class "upper" on t in [0, pi] at (cos t, sin t) and class "lower" at
(1 - cos t, 0.5 - sin t), each point moved by Gaussian noise (sigma 0.12),
plus two columns of uniform noise in [-1, 1] that carry no information.
240 rows, half of each class, from Python's Mersenne Twister seeded with
2026, so the file is the same every time.  Made here, so it carries no
one else's licence: it is part of Medaka (GPL-3.0-or-later)."""
import math
import random

rng = random.Random(2026)
print("x,y,noise1,noise2,class")
for i in range(240):
    upper = i % 2 == 0
    t = rng.uniform(0.0, math.pi)
    if upper:
        x, y = math.cos(t), math.sin(t)
    else:
        x, y = 1.0 - math.cos(t), 0.5 - math.sin(t)
    x += rng.gauss(0.0, 0.12)
    y += rng.gauss(0.0, 0.12)
    print("%.4f,%.4f,%.4f,%.4f,%s" % (x, y, rng.uniform(-1, 1), rng.uniform(-1, 1),
                                      "upper" if upper else "lower"))
