"""Benchmark (make bench): not collected by pytest (no test_ files here)."""
