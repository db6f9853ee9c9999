"""Subcommands of `python -m geo`, one module each (see geo.cli)."""
