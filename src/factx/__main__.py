"""Run the command-line interface: ``python -m factx``."""

from factx.cli import main

main()
