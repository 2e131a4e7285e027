"""Scenario (e) with Huawei's official Python signer (huaweicloudsdkcore `Signer`): the same
10,000 requests, each built as an `SdkRequest` and signed, as a Python back end does it.

    python bench/peers/official_signer.py bench/scenarios/e-signing.json OUT.json

Writes the Authorization header of every request (the Node runner checks them equal to
signRequest's before the timing is used) and the timing: each sample signs all requests
once; samples are taken until the budget is spent (at least MIN_SAMPLES).
"""

import json
import sys
import time
import types

from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

BUDGET_S = 4.0
MIN_SAMPLES = 3
MAX_SAMPLES = 15


def sign(r):
    request = SdkRequest(
        method=r["method"],
        schema="https",
        host=r["host"],
        resource_path=r["path"],
        query_params=[(k, v) for k, v in r["query"]],
        header_params=dict(r["headers"]),
        body=r["body"] or None,
    )
    credentials = types.SimpleNamespace(ak=r["ak"], sk=r["sk"])
    return Signer(credentials).sign(request).header_params["Authorization"]


def pct(sorted_values, p):
    return sorted_values[round((len(sorted_values) - 1) * p)]


def main():
    scenario_path, out_path = sys.argv[1], sys.argv[2]
    with open(scenario_path, encoding="utf-8") as f:
        requests = json.load(f)["requests"]
    authorizations = [sign(r) for r in requests]  # also the warm-up
    samples = []
    begin = time.perf_counter()
    while len(samples) < MAX_SAMPLES and (len(samples) < MIN_SAMPLES or time.perf_counter() - begin < BUDGET_S):
        t0 = time.perf_counter()
        for r in requests:
            sign(r)
        samples.append((time.perf_counter() - t0) * 1e9)
    samples.sort()
    try:
        from importlib.metadata import version

        sdk = version("huaweicloudsdkcore")
    except Exception:  # pragma: no cover
        sdk = "unknown"
    timing = {
        "median_ns": pct(samples, 0.5),
        "p10_ns": pct(samples, 0.1),
        "p90_ns": pct(samples, 0.9),
        "min_ns": samples[0],
        "max_ns": samples[-1],
        "samples": len(samples),
        "items_per_call": len(requests),
    }
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({
            "python": ".".join(map(str, sys.version_info[:3])),
            "sdk": sdk,
            "timing": timing,
            "authorizations": authorizations,
        }, f)


if __name__ == "__main__":
    main()
