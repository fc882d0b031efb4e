"""`python -m quizengine.report ...`: the `report` command on its own, same arguments."""

from __future__ import annotations

import argparse
import sys

from .command import add_commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quizengine.report")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["report", *(sys.argv[1:] if argv is None else argv)])
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
