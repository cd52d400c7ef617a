"""`python -m dpaper new <dir>`: start a new paper from the engine's minimal template (dpaper.new)."""
import argparse
import os
import sys

from dpaper.errors import BuildError
from dpaper.new import new_paper


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dpaper", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    new = sub.add_parser("new", help="start a new paper in a new folder, from a template that builds at once")
    new.add_argument("dir", help="the paper's folder (new, or empty)")
    args = parser.parse_args(argv)
    try:
        target = new_paper(args.dir)
    except BuildError as exc:
        print("\n".join(f"error: {p}" for p in exc.problems), file=sys.stderr)
        return 1
    snakefile = os.path.relpath(os.path.join(os.path.dirname(__file__), "..", "..", "Snakefile"))
    print(f"A new paper in {target}. Build it with:\n  snakemake -c all --directory {target} -s {snakefile}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
