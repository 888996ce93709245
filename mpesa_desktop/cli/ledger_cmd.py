"""Placeholder: replaced by the module that owns these commands."""

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds no commands yet."""
