"""Stop with a clear message when the Python running `make` is older than 3.11."""

import sys

if sys.version_info < (3, 11):
    sys.exit(f"Masthead needs Python 3.11 or newer; this is {sys.version.split()[0]}. "
             "Run make with PYTHON=/path/to/python3.11.")
