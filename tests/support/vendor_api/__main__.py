"""Run the vendor API fake by hand: python -m tests.support.vendor_api --landing DIR."""

from __future__ import annotations

import argparse
import threading

from .server import start


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.support.vendor_api")
    parser.add_argument("--landing", required=True, help="landing folder to serve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--page-size", type=int, help="cap every page at this many records")
    parser.add_argument("--rate-limit-every", type=int)
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    args = parser.parse_args()
    handle = start(
        args.landing,
        host=args.host,
        port=args.port,
        page_size=args.page_size,
        rate_limit_every=args.rate_limit_every,
        verbose=not args.quiet,
    )
    print(f"serving {args.landing} at {handle.base_url}", flush=True)
    for name, token in handle.tokens.items():
        print(f"  {name} token: {token}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        handle.stop()


if __name__ == "__main__":
    main()
