"""Writes test/fixtures/numpy-print.json: what NumPy prints for many arrays and for the Code page's
program, so the TypeScript formatter and batchNormalize can be checked without Python in CI.

Run with Debian's python3-numpy (NumPy 2.x):  python3 scripts/generate-numpy-fixtures.py
"""
import json
import math
import pathlib

import numpy as np

rng = np.random.default_rng(20150211)  # the paper's arXiv date


def encode(value):
    """JSON has no NaN or infinity; those travel as strings. Floats keep all their bits via repr."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == 0 and math.copysign(1, value) < 0:
        return "-0"
    return value


def batch_normalize(X, epsilon=1e-5):
    batch_mean = np.mean(X, axis=0)
    batch_var = np.var(X, axis=0)
    X_normalized = (X - batch_mean) / np.sqrt(batch_var + epsilon)
    return X_normalized


arrays = []


def add_array(name, a):
    a = np.asarray(a)
    assert a.dtype in (np.int64, np.float64), a.dtype
    arrays.append({
        "name": name,
        "dtype": str(a.dtype),
        "shape": list(a.shape),
        "data": [int(v) if a.dtype == np.int64 else encode(v) for v in a.ravel()],
        "str": str(a),
    })


seed = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12], [13, 14, 15]])
add_array("seed data (int64)", seed)
add_array("seed normalized", batch_normalize(seed))
add_array("all zeros", np.zeros((2, 3)))
add_array("negative zero", np.array([[-0.0, 0.0], [1.5, -2.0]]))
add_array("whole floats", np.array([[1.0, 20.0, -300.0]]))
add_array("wide range switches to scientific", np.array([[1e-3, 2.0], [3.0, 4000.0]]))
add_array("just within range stays positional", np.array([[0.001, 1.0]]))
add_array("large values", np.array([[1.5e8, 2.0], [3.0, 4.0]]))
add_array("tiny values", np.array([[1e-5, 2e-5], [-3.5e-6, 4e-5]]))
add_array("three-digit exponents", np.array([[1e-300, 1.0], [1e200, -2.5]]))
add_array("nan and inf", np.array([[np.nan, 1.5], [np.inf, -np.inf]]))
add_array("nan in scientific", np.array([[np.nan, 1e-7], [1.0, 2.0]]))
add_array("only nan", np.array([[np.nan, np.nan]]))
add_array("-inf widens", np.array([[-np.inf, 0.5]]))
add_array("ties round to even", np.array([[0.001953125, 0.005859375, 0.5]]))
add_array("rounding carries to 1.", np.array([[0.999999999, 0.5]]))
add_array("rounding to 8 digits", np.array([[1 / 3, 2 / 3, 1.0]]))
add_array("negative integers", np.array([[-100, 5], [7, -3]]))
add_array("wide integers", np.array([[123456789012, -1], [0, 42]]))
add_array("1-D floats", np.array([0.25, -1.0, 3.125]))
add_array("1-D long line wraps", rng.normal(size=30))
add_array("rows wrap past 75 characters", rng.normal(size=(3, 12)))
add_array("integer rows wrap", rng.integers(-1000, 1000, size=(4, 25)))
add_array("summarized rows", rng.normal(size=(2000, 3)))
add_array("summarized columns", rng.normal(size=(4, 300)))
add_array("summarized both", rng.integers(0, 100, size=(50, 50)))
add_array("summarized floats both", rng.normal(size=(40, 40)))
add_array("summary uses only the shown values", np.concatenate([np.full((600, 2), 0.5), np.full((1, 2), 1e-9), np.full((600, 2), 0.25)]))
add_array("3-D", np.arange(24).reshape(2, 3, 4))
for k in (23, 24, 25, 26):
    add_array(f"line width boundary, 1-D of {k}", np.arange(10, 10 + k))
    add_array(f"line width boundary, 2-D rows of {k}", np.arange(10, 10 + 2 * k).reshape(2, k))
add_array("many positional roundings", rng.uniform(0.1, 50, size=(100, 5)))
add_array("many scientific roundings", rng.uniform(-1, 1, size=(100, 5)) * 10.0 ** rng.integers(-12, 12, size=(100, 5)))
add_array("short decimals", np.round(rng.uniform(-10, 10, size=(20, 4)), 3))
for k, scale in enumerate([1e-3, 1.0, 1e3, 1e6]):
    add_array(f"random normal scale {scale:g}", rng.normal(size=(4, 4)) * scale)

programs = []


def add_program(name, data, epsilon=None, dtype=None):
    data = np.array(data, dtype=dtype)
    normalized = batch_normalize(data) if epsilon is None else batch_normalize(data, epsilon)
    output = "Original data:\n " + str(data) + "\n\nNormalized data:\n " + str(normalized) + "\n"
    programs.append({
        "name": name,
        "dtype": str(data.dtype),
        "data": [[int(v) if data.dtype == np.int64 else encode(v) for v in row] for row in data],
        "epsilon": 1e-5 if epsilon is None else epsilon,
        "normalized": [[encode(v) for v in row] for row in normalized],
        "output": output,
    })


with np.errstate(all="ignore"):
    add_program("seed", seed)
    add_program("seed, epsilon 1", seed, 1.0)
    add_program("seed, epsilon 0", seed, 0.0)
    add_program("floats", [[0.5, -1.25], [2.0, 3.5], [4.75, 0.0]])
    add_program("one row", [[1.0, 2.0, 3.0]])
    add_program("constant column, epsilon 0 gives nan", [[1.0, 2.0], [1.0, 3.0]], 0.0)
    add_program("constant column", [[5, 1], [5, 2], [5, 4]])
    add_program("single column sums pairwise", rng.normal(size=(200, 1)) * 3 + 1)
    add_program("single short column", rng.normal(size=(9, 1)))
    add_program("large common offset", 1e9 + rng.normal(size=(20, 3)))
    add_program("tiny scale", rng.normal(size=(6, 4)) * 1e-6)
    add_program("many columns", rng.normal(size=(5, 12)) * 10)
    add_program("random 300 x 7", rng.normal(size=(300, 7)) * 5 - 2)
    add_program("wide integer data", rng.integers(-10**6, 10**6, size=(40, 30)))

out = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "numpy-print.json"
out.write_text(json.dumps({"numpy": np.__version__, "arrays": arrays, "programs": programs}, indent=1) + "\n")
print(f"wrote {out} ({len(arrays)} arrays, {len(programs)} programs, NumPy {np.__version__})")
