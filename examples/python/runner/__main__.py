"""`python -m runner HANDLER FIXTURE...` (run from examples/python/, beside the handlers)."""

import sys

from runner import main

sys.exit(main(sys.argv[1:]))
