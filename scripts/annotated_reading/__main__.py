"""`python -m annotated_reading`."""

import sys

from annotated_reading.cli import main

sys.exit(main())
