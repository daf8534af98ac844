#!/usr/bin/env python3
"""PATTERNS.md read plainly with numpy: the whole-process yardstick for `patterns scan`.

Usage: reference_numpy.py FILE.csv [BANDWIDTH]  ->  JSON Lines (pattern, start, end, detectedAt) on stdout.

All windows are smoothed at once (one matrix product over a sliding view of the closes); the pattern rules
run in Python for the windows whose completion position holds an extremum.
"""
import json
import sys

import numpy as np

W, COMPLETE, MIN_DOUBLE_SPAN = 38, 34, 22
# Smoothed values within this share of the middle one are equal (floating-point ties: engine/spec.ts).
SMOOTHED_TIE = 2e-15
TIME_HEADERS = ("date", "time", "datetime", "timestamp")


def read_csv(path):
    with open(path, encoding="utf-8-sig") as f:
        names = [name.strip().lower() for name in f.readline().split(",")]
        at_time = next(i for i, name in enumerate(names) if name in TIME_HEADERS)
        at_close = names.index("close")
        times, closes = [], []
        for line in f:
            cells = line.rstrip("\r\n").split(",")
            if len(cells) > max(at_time, at_close):
                times.append(cells[at_time])
                closes.append(float(cells[at_close]))
    return times, np.array(closes)


def within(values, percent):
    mean = sum(values) / len(values)
    return all(abs(v - mean) <= percent / 100 * mean for v in values)


def rising(values):
    return all(a < b for a, b in zip(values, values[1:]))


def falling(values):
    return all(a > b for a, b in zip(values, values[1:]))


def five_codes(e1_max, p):
    e1, e2, e3, e4, e5 = p
    tops, bottoms = ([e1, e3, e5], [e2, e4]) if e1_max else ([e2, e4], [e1, e3, e5])
    apart = min(tops) > max(bottoms)
    codes = []
    if e1_max:
        if e3 > e1 and e3 > e5 and within([e1, e5], 1.5) and within([e2, e4], 1.5):
            codes.append("HS")
        if e1 < e3 < e5 and e2 > e4:
            codes.append("BTOP")
        if e1 > e3 > e5 and e2 < e4:
            codes.append("TTOP")
        if within(tops, 0.75) and within(bottoms, 0.75) and apart:
            codes.append("RTOP")
    else:
        if e3 < e1 and e3 < e5 and within([e1, e5], 1.5) and within([e2, e4], 1.5):
            codes.append("IHS")
        if e1 > e3 > e5 and e2 < e4:
            codes.append("BBOT")
        if e1 < e3 < e5 and e2 > e4:
            codes.append("TBOT")
        if within(tops, 0.75) and within(bottoms, 0.75) and apart:
            codes.append("RBOT")
    if within(tops, 0.75) and rising(bottoms) and bottoms[-1] >= bottoms[0] * 1.015 and apart:
        codes.append("ATRI")
    if within(bottoms, 0.75) and falling(tops) and tops[-1] <= tops[0] * 0.985 and apart:
        codes.append("DTRI")
    return codes


def scan(times, closes, bandwidth):
    offsets = np.arange(W)
    kernel = np.exp(-((offsets[:, None] - offsets[None, :]) ** 2) / (2 * bandwidth**2))
    weights = kernel / kernel.sum(axis=1, keepdims=True)
    windows = np.lib.stride_tricks.sliding_window_view(closes, W)
    smooth = windows @ weights.T
    left, mid, right = smooth[:, :-2], smooth[:, 1:-1], smooth[:, 2:]
    tie = SMOOTHED_TIE * mid
    is_max = (mid - left > tie) & (right - mid <= tie)
    is_min = (left - mid > tie) & (mid - right <= tie)
    candidates = np.flatnonzero(is_max[:, COMPLETE - 1] | is_min[:, COMPLETE - 1])
    for s in candidates:
        positions = np.flatnonzero(is_max[s] | is_min[s]) + 1
        positions = positions[positions <= COMPLETE]
        extrema = []
        for t in positions:
            kind_max = bool(is_max[s, t - 1])
            near = windows[s, t - 1 : t + 2]
            k = int(np.argmax(near) if kind_max else np.argmin(near))
            extrema.append((int(t), kind_max, float(near[k]), times[s + t - 1 + k]))
        e = s + W - 1
        found = []
        if len(extrema) >= 5:
            last5 = extrema[-5:]
            for code in five_codes(last5[0][1], [x[2] for x in last5]):
                found.append((code, last5[0][3]))
        first, last = extrema[0], extrema[-1]
        same = [x for x in extrema[1:] if x[1] == first[1]]
        if same and same[-1] is last:
            best = max(same, key=lambda x: x[2]) if first[1] else min(same, key=lambda x: x[2])
            best = next(x for x in same if x[2] == best[2])
            if best is last and within([first[2], last[2]], 1.5) and last[0] - first[0] > MIN_DOUBLE_SPAN:
                found.append(("DTOP" if first[1] else "DBOT", first[3]))
        for code, start in found:
            yield {"pattern": code, "start": start, "end": last[3], "detectedAt": times[e]}


def main():
    times, closes = read_csv(sys.argv[1])
    bandwidth = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    out = sys.stdout
    for detection in scan(times, closes, bandwidth):
        out.write(json.dumps(detection) + "\n")


if __name__ == "__main__":
    main()
