"""Signing throughput of Huawei's official Python signer (huaweicloudsdkcore Signer) on the
request bench/sign.mjs signs. Run through `make bench-sign` (it uses the test virtualenv)."""

import sys
import time
import types

from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

BODY = '{"account_name":"alice","offset":0,"limit":10}'
CREDENTIALS = types.SimpleNamespace(ak="HPUAXXXXXXXXXXXXXXXX", sk="bench-secret-key-0123456789abcdefghijklmn")


def sign_once():
    request = SdkRequest(
        method="POST",
        schema="https",
        host="bss.myhuaweicloud.com",
        resource_path="/v2/partners/sub-customers/query",
        query_params=[],
        header_params={
            "Content-Type": "application/json",
            "X-Domain-Id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
            "X-Sdk-Date": "20250101T080000Z",
        },
        body=BODY,
    )
    return Signer(CREDENTIALS).sign(request).header_params["Authorization"]


def main():
    n = 20_000
    for _ in range(n // 10):
        sign_once()
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(n):
            sign_once()
        best = min(best, time.perf_counter() - t0)
    version = ".".join(map(str, sys.version_info[:3]))
    print(f"official Signer (huaweicloudsdkcore, Python {version}): {round(n / best):,} requests/s "
          f"({best / n * 1e6:.2f} µs each, best of 5 × {n})")
    print("same Authorization as signRequest:", sign_once())


if __name__ == "__main__":
    main()
