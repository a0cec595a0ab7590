"""The lineage columns every raw row carries (docs/raw-tables.md, "Lineage columns")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from dlt.common.storages.load_package import load_package_state

# dlt column hints of the lineage columns.
LINEAGE_COLUMNS = {
    "_source": {"data_type": "text", "nullable": False},
    "_batch_id": {"data_type": "text", "nullable": False},
    "_loaded_at": {"data_type": "timestamp", "nullable": False, "timezone": True},
    "_file": {"data_type": "text", "nullable": False},
}


@dataclass(frozen=True)
class Lineage:
    source: str  # "files" or "api"
    batch_id: str  # the dlt load id of the package being extracted
    loaded_at: datetime

    @classmethod
    def current(cls, source: str) -> Lineage:
        """Lineage for the dlt load package being extracted right now (call inside a resource)."""
        return cls(source, load_package_state()["load_id"], datetime.now(UTC))

    @property
    def loaded_at_iso(self) -> str:
        return self.loaded_at.isoformat()

    def as_sql_values(self) -> dict[str, str]:
        return {
            "_source": self.source,
            "_batch_id": self.batch_id,
            "_loaded_at": self.loaded_at_iso,
        }

    def row(self, file: str) -> dict:
        return {
            "_source": self.source,
            "_batch_id": self.batch_id,
            "_loaded_at": self.loaded_at,
            "_file": file,
        }
