"""`python -m ddbstreams.cli` is the `ddbstreams` command."""

import sys

from . import main

sys.exit(main())
