"""Where a raw table's records come from in one run: chunks of landing files or API pages.

A provider yields `Chunk`s; each fills DuckDB's `recs` temp table and says which file
fingerprints to record once its rows are extracted. Both ways in then share the same
validation and loading code, so the files path and the API path produce the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingestion import enums
from ingestion.config import IngestionConfig
from ingestion.files.layout import Layout, layouts_of
from ingestion.files.manifest import chunks, list_files, pending
from ingestion.files.records import load_records

Fill = Callable[[duckdb.DuckDBPyConnection], list[tuple[str, str]]]


@dataclass
class Chunk:
    fill: Fill  # fills `recs`; returns (file, reason) of unreadable files
    commit: dict[str, str] = field(default_factory=dict)  # landing fingerprints to record
    min_records: int = 2  # records a file needs before a missing required column fails it


class FilesProvider:
    kind = "files"
    state_key = "files"  # resource state: landing path -> fingerprint

    def __init__(
        self,
        landing: Path,
        layouts: Layout | tuple[Layout, ...],
        chunk_bytes: int,
        csv_encoding: str | None = None,
        fields: tuple[str, ...] = (),
    ):
        self.landing, self.chunk_bytes = landing, chunk_bytes
        self.layouts = (layouts,) if isinstance(layouts, Layout) else tuple(layouts)
        self.csv_encoding = csv_encoding
        self.fields = fields  # contract field paths (CSV headers match them case-insensitively)

    @classmethod
    def for_table(cls, contract, cfg: IngestionConfig) -> FilesProvider:
        """Every layout of the table, with the source's CSV encoding setting."""
        return cls(
            cfg.landing_dir,
            layouts_of(contract.name),
            cfg.chunk_bytes,
            cfg.csv_encoding(contract.source),
            tuple(f.path for f in contract.fields),
        )

    def enums(self, contract) -> dict[str, tuple[str, ...]]:
        return enums.resolve_files(contract, self.landing)

    def chunks(self, seen: dict[str, str]) -> Iterator[Chunk]:
        for layout in self.layouts:
            load, touched = pending(list_files(self.landing, layout.pattern), seen)
            seen.update(touched)
            # CSV headers are explicit: a missing column is a format change even with one row.
            min_records = 1 if layout.format == "csv" else 2
            for group in chunks(load, self.chunk_bytes):
                files = [f for f, _ in group]
                yield Chunk(
                    fill=lambda con, files=files, layout=layout: load_records(
                        con, files, layout, self.csv_encoding, self.fields
                    ),
                    commit={f.rel: fp for f, fp in group},
                    min_records=min_records,
                )
