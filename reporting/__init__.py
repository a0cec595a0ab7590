"""What a run produced, for people: the terminal summary `make run` prints (read-only)."""
