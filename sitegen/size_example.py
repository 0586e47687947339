"""`SizeBytes` worked through attribute by attribute (`size-example.md`).

Computed with the package's own `ddbstreams.size`, on the SAM CLI sample; a total that does not
equal the fixture's `SizeBytes` stops the generation.
"""

from __future__ import annotations

import json

from ddbstreams.scenarios.sam import FIXTURES as SAM_FIXTURES
from ddbstreams.size import attribute_size, item_size

from ._markdown import cell, rel
from ._sources import GenerationError, read_json

# Included by docs/attribute-values.md; links are relative to it.
PAGE = "attribute-values.md"
# Values longer than this are cut in the table (the raw file is linked).
SHOWN_VALUE_CHARS = 48


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > SHOWN_VALUE_CHARS:
        text = text[: SHOWN_VALUE_CHARS - 3] + "…"
    return cell(text)


def render(fixture: str) -> str:
    event = read_json(fixture)
    out = [
        f"Worked through on [`{fixture}`]({rel(PAGE, fixture)}); every number below is computed "
        "by the generator's own `ddbstreams.size.item_size` and `attribute_size`, and the totals "
        "are checked against the fixture's `SizeBytes`.\n"
    ]
    for record in event["Records"]:
        ddb = record["dynamodb"]
        out.append(
            f"**{record['eventName']}**, sequence number `{ddb['SequenceNumber']}`, "
            f"`SizeBytes` = **{ddb['SizeBytes']}**\n"
        )
        out.append("| Part | Attribute | Value | Name bytes | Value bytes | Subtotal |")
        out.append("|---|---|---|--:|--:|--:|")
        total = 0
        for part in ("Keys", "NewImage", "OldImage"):
            item = ddb.get(part)
            if not item:
                continue
            for attr, value in item.items():
                name_bytes = len(attr.encode("utf-8"))
                value_bytes = attribute_size(value)
                out.append(
                    f"| {part} | `{attr}` | `{_shown(value)}` | {name_bytes} | {value_bytes} "
                    f"| {name_bytes + value_bytes} |"
                )
            part_total = item_size(item)
            total += part_total
            out.append(f"| **{part}** | | | | | **{part_total}** |")
        out.append(f"| **Total** | | | | | **{total}** |")
        out.append("")
        if total != ddb["SizeBytes"]:
            raise GenerationError(
                f"{fixture}: computed size {total} != SizeBytes {ddb['SizeBytes']}"
            )
    return "\n".join(out)


def build() -> dict[str, str]:
    return {"size-example.md": render(SAM_FIXTURES[0].path)}
