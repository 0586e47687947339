"""`ddbstreams generate`: a published fixture, the SAM `dynamodb update` event, or your own."""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import defaults
from ..records import VIEW_TYPES, Insert, Modify, Remove, TtlExpiry, Write
from .errors import InputError, UsageError

PROG = "ddbstreams"
PROGRESS_EVERY = 5000
ENVELOPES = (
    "stream",
    "pipes",
    "tumbling-window",
    "kinesis",
    "failure-destination",
    "failure-destination-s3",
)

GENERATE_EXAMPLES = """\
examples:
  ddbstreams generate --list                              # every published fixture
  ddbstreams generate dynamodb/stream/ttl-expiry-delete   # one of them
  ddbstreams generate dynamodb update --region eu-west-1 --table Orders \\
      --partition aws --account-id 123456789012           # like `sam local generate-event dynamodb update`
  ddbstreams generate stream --keys pk,sk \\
      --insert '{"pk": "a", "sk": 1, "n": 1}' \\
      --modify '{"pk": "a", "sk": 1, "n": 1}' '{"pk": "a", "sk": 1, "n": 2}' \\
      --remove '{"pk": "a", "sk": 1, "n": 2}' --view-type NEW_IMAGE
  ddbstreams generate stream --count 10000 --seed 7 -o big.json   # a large batch
  ddbstreams generate stream --envelope pipes --insert '{"Id": 1}'

Items are JSON objects of plain values; numbers keep their exact digits.
The writes become records in the order they are given.
"""


class _AppendWrite(argparse.Action):
    """Collect --insert/--modify/--remove/--ttl in command-line order."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        items = [values] if isinstance(values, str) else list(values or [])
        writes = list(getattr(namespace, "writes", None) or [])
        writes.append((self.dest, items))
        namespace.writes = writes


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `generate` to the command line."""
    gen = commands.add_parser(
        "generate",
        help="print a published fixture, the SAM `dynamodb update` event, or a custom event",
        description=(
            "Print an event as JSON.\n\n"
            "  ddbstreams generate NAME             a published fixture (`--list` names them)\n"
            "  ddbstreams generate dynamodb update  the SAM CLI sample, with your region/table\n"
            "  ddbstreams generate stream           an event from your own writes"
        ),
        epilog=GENERATE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    gen.set_defaults(run=generate, writes=None)
    gen.add_argument(
        "what", nargs="*", metavar="NAME", help="a fixture name, `dynamodb update` or `stream`"
    )
    gen.add_argument("--list", action="store_true", help="list the published fixture names")
    gen.add_argument(
        "-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout"
    )
    where = gen.add_argument_group("table (dynamodb update, stream)")
    where.add_argument("--region", help=f"default {defaults.REGION}")
    where.add_argument("--table", help=f"default {defaults.TABLE_NAME}")
    where.add_argument("--partition", help=f"default {defaults.PARTITION}")
    where.add_argument("--account-id", help=f"default {defaults.ACCOUNT_ID}")
    where.add_argument(
        "--seed", type=int, help="seed for IDs, sequence numbers and synthetic items"
    )
    custom = gen.add_argument_group("custom events (stream)")
    custom.add_argument(
        "--insert", metavar="ITEM", action=_AppendWrite, help="an INSERT of this JSON item"
    )
    custom.add_argument(
        "--modify",
        metavar=("OLD", "NEW"),
        nargs=2,
        action=_AppendWrite,
        help="a MODIFY from OLD to NEW",
    )
    custom.add_argument(
        "--remove", metavar="ITEM", action=_AppendWrite, help="a REMOVE of this item"
    )
    custom.add_argument(
        "--ttl", metavar="ITEM", action=_AppendWrite, help="a TTL expiry delete of this item"
    )
    custom.add_argument(
        "--keys", metavar="PK[,SK]", help=f"key attribute names (default {defaults.PARTITION_KEY})"
    )
    custom.add_argument("--view-type", choices=VIEW_TYPES, help=f"default {defaults.VIEW_TYPE}")
    custom.add_argument(
        "--count",
        type=int,
        metavar="N",
        help="add N synthetic writes (insert, modify, remove in turn)",
    )
    custom.add_argument(
        "--start", type=float, metavar="EPOCH", help="timestamp of the first record"
    )
    custom.add_argument("--envelope", choices=ENVELOPES, default="stream", help="default stream")


def _item(text: str, option: str) -> dict[str, Any]:
    try:
        value = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InputError(f"{option} {text!r}: not JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(value, dict):
        raise InputError(f"{option} {text!r}: an item must be a JSON object")
    return value


def _writes(given: list[tuple[str, list[str]]]) -> list[Write]:
    out: list[Write] = []
    for kind, texts in given:
        items = [_item(t, f"--{kind}") for t in texts]
        if kind == "insert":
            out.append(Insert(items[0]))
        elif kind == "modify":
            out.append(Modify(items[0], items[1]))
        elif kind == "remove":
            out.append(Remove(items[0]))
        else:
            out.append(TtlExpiry(items[0]))
    return out


def _synthetic(count: int, keys: tuple[str, ...], seed: int) -> Iterator[Write]:
    """`count` writes: each item is inserted, modified, then removed."""
    rng = random.Random(seed)
    words = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot")
    item: dict[str, Any] = {}
    for i in range(count):
        step = i % 3
        if step == 0:
            n = i // 3
            item = {keys[0]: f"item-{n:07d}"}
            if len(keys) > 1:
                item[keys[1]] = f"v{n % 10}"
            item.update({"seq": n, "word": rng.choice(words), "qty": rng.randrange(1000)})
            yield Insert(item)
        elif step == 1:
            changed = {**item, "qty": item["qty"] + 1, "word": rng.choice(words)}
            yield Modify(item, changed)
            item = changed
        else:
            yield Remove(item)


def _with_progress(writes: list[Write], extra: Iterator[Write], total: int) -> Iterator[Write]:
    """The writes in order; above 5,000 records, progress lines on stderr."""
    done = 0
    for batch in (writes, extra):
        for write in batch:
            yield write
            done += 1
            if total > PROGRESS_EVERY and (done % PROGRESS_EVERY == 0 or done == total):
                print(f"{PROG}: {done}/{total} records", file=sys.stderr)


def _custom_event(args: argparse.Namespace) -> Any:
    from .. import factory

    keys = tuple(k.strip() for k in (args.keys or defaults.PARTITION_KEY).split(","))
    if not 1 <= len(keys) <= 2 or not all(keys):
        raise UsageError("--keys takes one or two attribute names: PK or PK,SK")
    if args.count is not None and args.count < 0:
        raise UsageError("--count must be 0 or more")
    writes = _writes(args.writes or [])
    count = args.count or 0
    if not writes and not count and args.envelope not in ("stream", "pipes", "tumbling-window"):
        raise UsageError(f"--envelope {args.envelope} needs at least one write")
    seed = args.seed if args.seed is not None else 0
    options: factory.StreamOptions = {
        "table": args.table or defaults.TABLE_NAME,
        "partition_key": keys[0],
        "sort_key": keys[1] if len(keys) > 1 else None,
        "view_type": args.view_type or defaults.VIEW_TYPE,
        "region": args.region or defaults.REGION,
        "account_id": args.account_id or defaults.ACCOUNT_ID,
        "partition": args.partition or defaults.PARTITION,
        "seed": seed,
    }
    if args.start is not None:
        options["start"] = args.start
    stream = _with_progress(writes, _synthetic(count, keys, seed), len(writes) + count)
    envelope = args.envelope
    if envelope == "pipes":
        return factory.pipes_batch(stream, **options)
    if envelope == "tumbling-window":
        return factory.tumbling_window_event(stream, **options)
    if envelope == "kinesis":
        return factory.kinesis_event(stream, **options)
    if envelope.startswith("failure-destination"):
        return factory.failure_destination(stream, s3=envelope.endswith("s3"), **options)
    return factory.stream_event(stream, **options)


def _custom_only(args: argparse.Namespace) -> list[str]:
    given = []
    for option in ("keys", "view_type", "count", "start"):
        if getattr(args, option) is not None:
            given.append("--" + option.replace("_", "-"))
    if args.writes:
        given.append("--insert/--modify/--remove/--ttl")
    if args.envelope != "stream":
        given.append("--envelope")
    return given


def generate(args: argparse.Namespace) -> int:
    """Print (or write with `-o`) the event asked for."""
    from ..fixtures import fixture_names, load_fixture
    from ..jsonio import dumps, write_atomic
    from ..scenarios.sam import sam_update

    what = list(args.what)
    if args.list:
        if what:
            raise UsageError("--list takes no NAME")
        print("\n".join(fixture_names()))
        return 0
    if what == ["dynamodb", "update"]:
        if _custom_only(args):
            raise UsageError(f"{', '.join(_custom_only(args))}: only for `generate stream`")
        doc: Any = sam_update(
            region=args.region or defaults.REGION,
            partition=args.partition or defaults.PARTITION,
            account_id=args.account_id or defaults.ACCOUNT_ID,
            table=args.table or defaults.TABLE_NAME,
            **({"seed": args.seed} if args.seed is not None else {}),
        )
    elif what == ["stream"]:
        doc = _custom_event(args)
    elif len(what) == 1:
        extra = _custom_only(args) + [
            "--" + o.replace("_", "-")
            for o in ("region", "table", "partition", "account_id", "seed")
            if getattr(args, o) is not None
        ]
        if extra:
            raise UsageError(f"{', '.join(extra)}: a published fixture takes no options")
        try:
            doc = load_fixture(what[0])
        except KeyError as exc:
            raise UsageError(f"{exc.args[0]} (see `ddbstreams generate --list`)") from None
    else:
        raise UsageError(
            "say what to generate: a fixture NAME, `dynamodb update` or `stream` (see --help)"
        )
    text = dumps(doc)
    if args.output:
        try:
            write_atomic(Path(args.output), text)
        except OSError as exc:
            raise InputError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
