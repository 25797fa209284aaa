"""The offline lab: cross-validated search, building, evaluation, baselines, ablation and benchmarks (command line)."""
