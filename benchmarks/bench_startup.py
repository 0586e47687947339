"""Every command a user waits on, in a fresh process, beside SAM CLI and a bare interpreter.

`sam local generate-event dynamodb update` is what people run today for a
sample event; `ddbstreams generate dynamodb update` replaces it. A bare
interpreter start (`python -c pass`, the same interpreter) is the floor no
Python command can beat: each command is judged by how far above it it is.
"""

from __future__ import annotations

from harness import BIN, command, heading, interleaved, paired_ratio, row, target

ROUNDS = 11
VALID_FILE = "events/dynamodb/stream/insert-new-image.json"

DDB = BIN / "ddbstreams"
COMMANDS = {
    "ddbstreams --help": ("--help",),
    "ddbstreams generate dynamodb update": ("generate", "dynamodb", "update"),
    "ddbstreams generate NAME": ("generate", "dynamodb/stream/insert-new-image"),
    "ddbstreams generate stream --insert ITEM": ("generate", "stream", "--insert", '{"Id": 1}'),
    "ddbstreams validate FILE": ("validate", VALID_FILE),
    "ddbstreams check-response": (
        "check-response",
        "--response",
        "events/dynamodb/responses/partial-batch-failure.json",
        "--event",
        "events/dynamodb/stream/partial-failure.json",
    ),
}
BARE = "python -c pass (bare interpreter start)"
ENGINE = "python -c 'import jsonschema_rs' (the engine for large files)"
SAM_GENERATE = "sam local generate-event dynamodb update"
SAM_HELP = "sam --help"


def main() -> bool:
    contenders = {
        BARE: command(BIN / "python", "-c", "pass"),
        ENGINE: command(BIN / "python", "-c", "import jsonschema_rs"),
        SAM_GENERATE: command(BIN / "sam", "local", "generate-event", "dynamodb", "update"),
        SAM_HELP: command(BIN / "sam", "--help"),
        **{name: command(DDB, *args) for name, args in COMMANDS.items()},
    }
    heading(f"Startup: one fresh process per run, interleaved, {ROUNDS} rounds after a warm-up")
    runs = interleaved(contenders, ROUNDS)
    bare = runs[BARE]
    for name, samples in runs.items():
        note = "" if name == BARE else f"{paired_ratio(samples, bare):5.1f}× bare start"
        row(name, samples, note)
    print()
    generate = paired_ratio(runs[SAM_GENERATE], runs["ddbstreams generate dynamodb update"])
    helps = paired_ratio(runs[SAM_HELP], runs["ddbstreams --help"])
    met = [
        target(generate >= 6, f"generate dynamodb update ≥ 6× faster than SAM's: {generate:.1f}×"),
        target(helps >= 3, f"--help ≥ 3× faster than `sam --help`: {helps:.1f}×"),
    ]
    for name in COMMANDS:
        ratio = paired_ratio(runs[name], bare)
        met.append(target(ratio <= 3, f"{name} ≤ 3× a bare interpreter start: {ratio:.1f}×"))
    return all(met)


if __name__ == "__main__":
    from harness import compile_bytecode

    compile_bytecode()
    main()
