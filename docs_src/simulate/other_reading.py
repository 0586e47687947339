"""Try another reading of a behaviour AWS does not document, and compare."""

from ddbstreams import insert, stream_records
from ddbstreams.simulate import Assumptions, simulate


def handler(event, context):
    raise RuntimeError("always fails")


records = stream_records([insert({"Id": i}) for i in range(1, 6)], step=0)
mapping = {"BatchSize": 5, "BisectBatchOnFunctionError": True, "MaximumRetryAttempts": 1}

for split in ("floor", "ceil"):
    trace = simulate(handler, records, mapping, assumptions=Assumptions(bisect_split=split))
    first_split = trace.invocations[0].split
    print(split, [len(half) for half in first_split], len(trace.invocations), "invocations")
