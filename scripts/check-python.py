"""Stop with a clear message when the Python running `make` is older than 3.11."""

import sys

# The project targets 3.11, so ruff calls this check dead code; it runs first,
# under whatever python3 the machine has, to say so clearly.
if sys.version_info < (3, 11):  # noqa: UP036
    sys.exit(
        f"Masthead needs Python 3.11 or newer; this is {sys.version.split()[0]}. "
        "Run make with PYTHON=/path/to/python3.11."
    )
