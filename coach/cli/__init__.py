"""The ``perfmirror`` command line: one module per command group (see ``registry``)."""

from .main import main

__all__ = ["main"]
