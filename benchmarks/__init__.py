"""The benchmark script (``python benchmarks/run.py``) and its modules; see ``run.py``."""
