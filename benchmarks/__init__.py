"""Benchmarks (`make bench...`): each prints its figures next to a reference measured in the
same run. compare_published proves a refactoring left every published number unchanged."""
