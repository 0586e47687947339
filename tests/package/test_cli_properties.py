"""The CLI never lets an exception escape, whatever its own option grammar is given."""

from __future__ import annotations

import io
import json
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from ddbstreams import cli, fixture_names
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

JSON_ITEMS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(['{"Id": 1}', '{"pk": "a", "sk": 2}', '{"Id": ""}', "[]", "{}", '{"Id": NaN}']),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
        ),
        max_leaves=6,
    ).map(lambda v: json.dumps({"Id": 1, "v": v} if isinstance(v, dict) else v)),
)
VALUES = st.one_of(st.text(max_size=10), st.integers(-5, 20).map(str), JSON_ITEMS)
OPTIONS = st.one_of(
    st.tuples(st.sampled_from(["--insert", "--remove", "--ttl"]), JSON_ITEMS).map(list),
    st.tuples(st.just("--modify"), JSON_ITEMS, JSON_ITEMS).map(list),
    st.tuples(
        st.sampled_from(
            ["--region", "--table", "--partition", "--account-id", "--seed", "--keys",
             "--view-type", "--count", "--start", "--envelope"]
        ),
        VALUES,
    ).map(list),
    st.sampled_from([["--list"], ["--help"], ["-o"], ["--modify"], ["--bogus"]]),
)  # fmt: skip
HEADS = st.sampled_from(
    [
        ["generate", "stream"],
        ["generate", "dynamodb", "update"],
        ["generate"],
        ["generate", "dynamodb"],
        ["generate", fixture_names()[0]],
        ["check-response"],
        ["validate"],
        [],
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(head=HEADS, options=st.lists(OPTIONS, max_size=5))
def test_cli_never_tracebacks(head: list[str], options: list[list[str]]) -> None:
    argv = head + [part for option in options for part in option]
    if "--count" in argv:  # keep batches small: the grammar, not the size, is under test
        i = argv.index("--count")
        if i + 1 < len(argv) and argv[i + 1].isdigit() and int(argv[i + 1]) > 20:
            argv[i + 1] = "20"
    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as scratch:
        if "-o" in argv:  # never write into the checkout (nor over a device)
            i = argv.index("-o")
            argv[i + 1 : i + 2] = [str(Path(scratch) / "out.json")]
        try:
            with redirect_stdout(out), redirect_stderr(err):
                status = cli.main(argv)
        except (
            SystemExit
        ) as exc:  # pragma: no cover - main returns a status; a stray SystemExit is still a status
            status = exc.code if isinstance(exc.code, int) else 2
    assert status in {0, 1, 2}, (argv, err.getvalue())
    assert "Traceback" not in err.getvalue()
