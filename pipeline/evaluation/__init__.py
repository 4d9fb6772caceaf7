"""Measurement against annotated data: one module per kind of corpus, each behind ``zhnews evaluate``."""
