"""`make bench`: a short, bounded load test of the API running on this machine.

Posts examples/predict_request.json to /predict a fixed number of times from a few threads and
prints the p50, p95 and max latency. It only talks to a server on this machine (loopback), sends a
bounded number of requests, and stops by itself at its deadline.
"""

from __future__ import annotations

import argparse
import ipaddress
import math
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from .demo import EXAMPLE_PATH


def is_loopback(url: str) -> bool:
    """True when the URL's host is this machine (127.0.0.0/8, ::1 or localhost)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with `fraction` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def _post(url: str, body: bytes, timeout: float) -> tuple[float, str]:
    """One request: (milliseconds, "200" or what went wrong)."""
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"content-type": "application/json"}
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            outcome = str(response.status)
    except urllib.error.HTTPError as error:
        outcome = str(error.code)
    except OSError as error:  # refused, reset, timed out
        outcome = type(error).__name__
    return (time.perf_counter() - started) * 1000, outcome


def _health(base_url: str, timeout: float) -> str | None:
    """None when /health says ready, else why not."""
    try:
        with urllib.request.urlopen(f"{base_url}/health", timeout=timeout) as response:
            return None if response.status == 200 else f"/health answered {response.status}"
    except urllib.error.HTTPError as error:
        return f"/health answered {error.code}: {error.read().decode('utf-8', 'replace')}"
    except OSError as error:
        return f"no server at {base_url} ({error})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the running API (loopback)")
    parser.add_argument("--requests", type=int, default=200, help="how many requests in all")
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight at once")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument("--deadline", type=float, default=60.0, help="seconds for the whole run")
    args = parser.parse_args(argv)
    base_url = args.url.rstrip("/")
    if not is_loopback(base_url):
        parser.error(f"{base_url} is not on this machine: bench only loads a local server")
    if args.requests < 1 or args.concurrency < 1:
        parser.error("--requests and --concurrency must be at least 1")
    not_ready = _health(base_url, args.timeout)
    if not_ready:
        print(f"{not_ready}\nStart the API first: make train, then make serve.", file=sys.stderr)
        return 2

    body = EXAMPLE_PATH.read_bytes()
    stop_at = time.monotonic() + args.deadline

    def one(_: int) -> tuple[float, str] | None:
        if time.monotonic() >= stop_at:
            return None  # past the deadline: the request is not sent
        return _post(f"{base_url}/predict", body, args.timeout)

    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        results = [r for r in pool.map(one, range(args.requests)) if r is not None]
    latencies = [ms for ms, outcome in results if outcome == "200"]
    failures = [outcome for _, outcome in results if outcome != "200"]
    skipped = args.requests - len(results)
    print(
        f"POST {base_url}/predict x{len(results)} (concurrency {args.concurrency}, "
        f"body {EXAMPLE_PATH.name}): {len(latencies)} ok, {len(failures)} failed"
        + (f", {skipped} not sent (deadline {args.deadline:g} s)" if skipped else "")
    )
    if failures:
        print(f"failures: {sorted(set(failures))}", file=sys.stderr)
    if not latencies:
        return 1
    print(
        f"latency p50 {percentile(latencies, 0.5):.1f} ms, "
        f"p95 {percentile(latencies, 0.95):.1f} ms, max {max(latencies):.1f} ms"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
