"""perf-mirror core: deterministic scoring, the store and the default frameworks."""

__version__ = "0.1.0"
