"""Public names loaded on first use (PEP 562), so importing a package costs only what is used."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def lazy_getattr(
    package: str, homes: Mapping[str, str], namespace: MutableMapping[str, Any]
) -> Callable[[str], Any]:
    """A module `__getattr__` that imports each public name from its module (`homes[name]`,
    relative to `package`) the first time it is asked for, then keeps it in `namespace`."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{home}", package), name)
        namespace[name] = value
        return value

    return __getattr__
