"""The bottom package: configuration every other package may import (and nothing else)."""
