"""Benchmarks: a synthetic corpus, ingestion throughput, dashboard latency (see bench/README.md)."""
