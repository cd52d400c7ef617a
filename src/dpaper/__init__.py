"""dpaper: build the reproducible discussion paper.

Imports only go downwards: scripts -> render / figures -> data -> errors.
`pdf` knows HTML, not data.
"""

from pathlib import Path

# The engine's own folder (this package's project: rules/, scripts/, templates/, schemas/config.schema.yaml).
# A paper's folder may be another (snakemake --directory papers/x): its files are read relative to it.
ENGINE = Path(__file__).resolve().parents[2]
