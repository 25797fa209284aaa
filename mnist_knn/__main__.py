"""`python -m mnist_knn ...` runs the command line."""

import sys

from mnist_knn.cli import main

sys.exit(main())
