"""python -m demo --scale tiny|default|large --seed N --out data/landing --crm hubspot|salesforce"""

from __future__ import annotations

import argparse

from . import config as C
from .generate import generate


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    p.add_argument("--scale", choices=sorted(C.SCALES), default="default")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out", default="data/landing")
    p.add_argument(
        "--dirt-rate",
        type=float,
        default=None,
        help=f"share of records made dirty (default {C.DEFAULT_DIRT_RATE})",
    )
    p.add_argument(
        "--crm",
        choices=("hubspot", "salesforce"),
        default="hubspot",
        help="the CRM the company's exports come from (default hubspot)",
    )
    p.add_argument("--workers", type=int, default=None, help="processes (default: CPU count)")
    a = p.parse_args(argv)
    s = generate(
        a.out, scale=a.scale, seed=a.seed, dirt_rate=a.dirt_rate, workers=a.workers, crm=a.crm
    )
    print(
        f"demo company '{a.scale}' (seed {a.seed}, {a.crm}) written to {s['out_dir']} "
        f"in {s['elapsed_s']:.1f} s with {s['workers']} worker(s)"
    )
    print(f"{'source':<30}{'records':>14}{'bytes':>16}")
    for source, row in s["sources"].items():
        print(f"{source:<30}{row['records']:>14,}{row['bytes']:>16,}")
    print("truth: " + ", ".join(f"{k}={v:,}" for k, v in s["truth"].items()))


if __name__ == "__main__":
    main()
