"""Evaluation and benchmarks: every figure measured beside its baseline in the same run."""
