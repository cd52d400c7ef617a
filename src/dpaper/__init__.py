"""dpaper: build the reproducible discussion paper.

Imports only go downwards: scripts -> render / figures -> data -> errors.
`pdf` knows HTML, not data.
"""

import os
from pathlib import Path

# The engine's own folder (this package's project: rules/, scripts/, templates/, schemas/config.schema.yaml).
# A paper's folder may be another (snakemake --directory papers/x): its files are read relative to it.
# The Snakefile names its own folder (DPAPER_ENGINE) for itself and its jobs: a copy of the engine reads its own.
ENGINE = Path(os.environ.get("DPAPER_ENGINE") or Path(__file__).resolve().parents[2])
