"""Entry point: `python -m jinsha_desktop` and the `jinsha-desktop` script."""

import sys


def main() -> int:
    from jinsha_desktop.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
