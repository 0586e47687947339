"""`ddbstreams generate`: a published fixture, the SAM `dynamodb update` event, or your own."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence

from .. import defaults, terminal
from ..names import VIEW_TYPES
from ..terminal import quote
from . import summary
from .errors import InputError, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

    from ..options import StreamOptions
    from ..records import Write

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
        help=summary("generate"),
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
        "-o",
        "--output",
        metavar="FILE",
        help="write here (atomically; through a symbolic link to its target); `-` is stdout",
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
    gen.add_argument(
        "--compact",
        action="store_true",
        help="no whitespace, as Lambda sends an event (default: indented by 2)",
    )
    custom.add_argument(
        "--dynamodb-json",
        action="store_true",
        help='items are DynamoDB JSON ({"pk": {"S": "a"}, "tags": {"SS": ["x"]}}): sets included',
    )


_TYPE_KEYS = frozenset({"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"})


def _strict_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {quote(key)}")
            seen.add(key)
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _looks_like_dynamodb_json(item: dict[str, Any]) -> bool:
    return bool(item) and all(
        isinstance(v, dict) and len(v) == 1 and next(iter(v)) in _TYPE_KEYS for v in item.values()
    )


def _decimal(text: str) -> Any:
    """A JSON number with a fraction or exponent, exactly: `decimal` loads only for one."""
    from decimal import Decimal

    return Decimal(text)


def _item(text: str, option: str, dynamodb_json: bool) -> dict[str, Any]:
    import json

    from ..attributes import unmarshal_item

    where = f"{option} {quote(text)}"
    try:
        value = json.loads(
            text,
            parse_float=_decimal,
            parse_constant=_no_constant,
            object_pairs_hook=_strict_object,
        )
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON: {exc.msg} at column {exc.colno}") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(
            f"{where}: {exc if isinstance(exc, ValueError) else 'nested too deeply'}"
        ) from None
    if not isinstance(value, dict):
        raise InputError(f"{where}: an item must be a JSON object")
    if dynamodb_json:
        try:
            return unmarshal_item(value)
        except (ValueError, AttributeError, TypeError) as exc:
            raise InputError(f"{where}: not DynamoDB JSON: {exc}") from None
    if _looks_like_dynamodb_json(value):
        raise InputError(
            f'{where}: looks like DynamoDB JSON ({{"S": …}}); give plain values '
            '({"pk": "a"}) or pass --dynamodb-json'
        )
    return value


def _writes(given: list[tuple[str, list[str]]], dynamodb_json: bool) -> list[Write]:
    from ..records import Insert, Modify, Remove, TtlExpiry

    out: list[Write] = []
    for kind, texts in given:
        items = [_item(t, f"--{kind}", dynamodb_json) for t in texts]
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
    if not count:
        return  # `random` is loaded only for synthetic writes
    import random

    from ..records import Insert, Modify, Remove

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
    import math

    from .. import factory

    keys = tuple(k.strip() for k in (args.keys or defaults.PARTITION_KEY).split(","))
    if not 1 <= len(keys) <= 2 or not all(keys):
        raise UsageError("--keys takes one or two attribute names: PK or PK,SK")
    limit = factory.MAX_BATCH_RECORDS
    if args.count is not None and not 1 <= args.count <= limit:
        raise UsageError(f"--count must be 1 to {limit} (a batch holds at most {limit} records)")
    if args.start is not None and not (math.isfinite(args.start) and args.start >= 0):
        raise UsageError(f"--start must be epoch seconds, 0 or more, not {args.start!r}")
    writes = _writes(args.writes or [], args.dynamodb_json)
    count = args.count or 0
    if not writes and not count:
        raise UsageError("nothing to generate: give --insert/--modify/--remove/--ttl or --count N")
    if len(writes) + count > limit:
        raise UsageError(f"{len(writes) + count} writes: a batch holds at most {limit} records")
    seed = args.seed if args.seed is not None else 0
    options: StreamOptions = {
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
    total = len(writes) + count
    stream = _with_progress(writes, _synthetic(count, keys, seed), total)
    envelope = args.envelope
    from ..checked_batch import STREAMED, Streamed

    if envelope in STREAMED:
        return Streamed(factory.iter_stream_records(stream, **options), envelope, total)
    if envelope == "tumbling-window":
        return factory.tumbling_window_event(stream, **options)
    if envelope == "kinesis":
        return factory.kinesis_event(stream, **options)
    if envelope.startswith("failure-destination"):
        return factory.failure_destination(stream, s3=envelope.endswith("s3"), **options)
    raise AssertionError(envelope)  # argparse's choices


def _custom_only(args: argparse.Namespace) -> list[str]:
    given = []
    for option in ("keys", "view_type", "count", "start", "dynamodb_json"):
        if getattr(args, option) not in (None, False):
            given.append("--" + option.replace("_", "-"))
    if args.writes:
        given.append("--insert/--modify/--remove/--ttl")
    if args.envelope != "stream":
        given.append("--envelope")
    return given


def generate(args: argparse.Namespace) -> int:
    """Print (or write with `-o`) the event asked for."""
    what = list(args.what)
    if args.output == "":
        raise UsageError("-o needs a file name (or - for stdout)")
    if args.list:
        if what:
            raise UsageError("--list takes no NAME")
        from ..fixtures import fixture_names

        print("\n".join(fixture_names()))
        return 0
    if what == ["dynamodb", "update"]:
        if _custom_only(args):
            raise UsageError(f"{', '.join(_custom_only(args))}: only for `generate stream`")
        from ..scenarios.sam import sam_update

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
        from ..fixtures import load_fixture

        try:
            doc = load_fixture(what[0])
        except KeyError as exc:
            raise UsageError(f"{exc.args[0]} (see `ddbstreams generate --list`)") from None
    else:
        raise UsageError(
            "say what to generate: a fixture NAME, `dynamodb update` or `stream` (see --help)"
        )
    if what == ["stream"]:
        from ..checked_batch import Streamed

        if isinstance(doc, Streamed):  # checked as it is written
            _output(args, doc.write, spool=True)
            return 0
        _self_check(doc, args.envelope)
    _output(args, lambda write, pretty: _write(write, doc, pretty=pretty))
    return 0


def _output(
    args: argparse.Namespace,
    produce: Callable[[Callable[[str], object], bool], None],
    *,
    spool: bool = False,
) -> None:
    """Write what `produce` writes to `-o` (atomically: all or nothing) or to stdout.

    `spool`: `produce` may still fail after it started writing (a batch checked
    as it is written); stdout then receives the text only once it is complete.
    """
    pretty = not args.compact
    if args.output is not None and args.output != "-":
        from pathlib import Path

        from ..jsonio import open_atomic

        given = args.output
        if os.path.exists(given) and not os.path.isfile(given):
            # A device or pipe (`/dev/stdout` into `| jq`): opened as named. Resolving it
            # would give `/proc/self/fd/pipe:[…]`, a name no one can open.
            target = Path(given)
        else:
            target = Path(os.path.realpath(given))  # a symbolic link is written through
        try:
            with open_atomic(target) as handle:
                if spool and target.exists() and not target.is_file():
                    _spooled(produce, pretty, handle)  # a device or pipe: written through
                else:
                    produce(handle.write, pretty)
        except OSError as exc:
            raise InputError(
                f"{quote(args.output)}: cannot write: {(exc.strerror or str(exc)).lower()}"
            ) from None
        print(terminal.line(f"{PROG}: wrote {args.output}"), file=sys.stderr)
    elif spool:
        _spooled(produce, pretty, sys.stdout)
    else:
        produce(sys.stdout.write, pretty)


def _spooled(
    produce: Callable[[Callable[[str], object], bool], None], pretty: bool, out: TextIO
) -> None:
    """`produce`'s text, passed to `out` only once it is complete."""
    from ..jsonstream import Spool

    with Spool() as buffer:
        produce(buffer.write, pretty)
        buffer.copy_to(out)


def _write(write: Callable[[str], object], doc: Any, *, pretty: bool) -> None:
    """The event's text, a record at a time for a batch: never the whole text in memory."""
    from .. import jsonstream

    if isinstance(doc, list):
        jsonstream.write_batch(write, doc, key=None, pretty=pretty)
    elif isinstance(doc, dict) and list(doc) == ["Records"] and isinstance(doc["Records"], list):
        jsonstream.write_batch(write, doc["Records"], pretty=pretty)
    else:
        write((jsonstream.indented(doc, "") if pretty else jsonstream.compact(doc)) + "\n")


def _self_check(doc: Any, envelope: str) -> None:
    """Refuse to print an event the validator rejects: a bug in the builders, never the user's."""
    from ..factory import validate_event
    from ..limits import MAX_EVENT_BYTES
    from ..validation.reading import compact_size

    size = compact_size(doc)
    if size > MAX_EVENT_BYTES:
        raise InputError(
            f"the event would be {size} bytes as compact JSON; Lambda sends at most "
            f"{MAX_EVENT_BYTES}: give fewer or smaller writes"
        )
    # Each envelope is named after the shape it produces.
    errors = [p for p in validate_event(doc, envelope) if p.severity == "error"]
    if errors:
        first = errors[0]
        raise InputError(
            f"the generated event breaks {first.rule} at {first.pointer or '/'}: {first.message} "
            "(a bug in ddbstreams: please report it with the command line)"
        )
