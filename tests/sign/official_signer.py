"""Huawei's official Python signer (`huaweicloudsdkcore.signer.signer.Signer`) as the oracle
of the differential test and as the peer of the signing benchmarks: one harness, three uses.

    python tests/sign/official_signer.py differential OUT.json [COUNT]
    python tests/sign/official_signer.py scenario bench/scenarios/e-signing.json OUT.json
    python tests/sign/official_signer.py throughput

`differential` generates varied requests and signs each one; it writes {"signer": <sdk
version>, "cases": [...]}, each case holding the request as the SDK got it and what the SDK
produced (Authorization, the final header list, the request URI). `tests/sign_differential.rs`
(Rust core) and `tests/js/sign.test.mjs` (wasm `signRequest`) compare against it. The
generator is seeded, so the file is the same on every run.

`scenario` signs the requests of bench scenario (e) as a Python back end does (`make bench`):
it writes every Authorization header (bench/run.mjs checks them equal to signRequest's before
the timing is used) and the timing; each sample signs all requests once, samples are taken
for 4 s (at least 3, at most 15).

`throughput` signs the one request of bench/sign.mjs and bench/sign.rs (`make bench-sign`).
The SDK reads the clock only for requests without X-Sdk-Date; the differential cases pin it,
the benchmark requests carry the header.
"""

import base64
import datetime as _dt
import json
import random
import sys
import time
import types

from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer import signer as signer_module
from huaweicloudsdkcore.signer.signer import Signer

try:
    from importlib.metadata import version as _version

    SDK_VERSION = _version("huaweicloudsdkcore")
except Exception:  # pragma: no cover
    SDK_VERSION = "unknown"


class _FixedClock(_dt.datetime):
    """Stands in for `datetime` inside the signer module so that requests without an
    X-Sdk-Date header get a known date."""

    now_value = _dt.datetime(2025, 1, 1, 8, 0, 0)

    @classmethod
    def utcnow(cls):
        return cls.now_value


R = random.Random(20250101)

METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "get", "Post", "dElEtE"]
HOSTS = [
    "bss.myhuaweicloud.com",
    "bss-intl.myhuaweicloud.com",
    "bss.myhuaweicloud.eu",
    "127.0.0.1:8080",
    "localhost:3000",
    "[::1]:8443",
    "iam.myhuaweicloud.com",
    "BSS.MyHuaweiCloud.com",
    "bss.myhuaweicloud.com:443",
]
BSS_PATHS = [
    "/v2/partners/sub-customers",
    "/v2/partners/sub-customers/users/check-identity",
    "/v2/bases/verificationcode/send",
    "/v2/partners/sub-customers/query",
    "/v2/promotions/benefits/coupons",
    "/v2/promotions/benefits/partner-coupons/reclaim",
    "/v3/orders/customer-orders/pay",
    "/v2/bills/ratings/period-resources/subscribe-rate",
    "/v2/products/service-types",
    "/v3/auth/tokens",
    "/",
    "/v2/partners/sub-customers/",
]
SEGMENT_PARTS = [
    "v2", "a", "Z9", "sub-customers", "a b", "  ", "中文", "客户", "日本語", "한국어", "é",
    "%2F", "%2f", "%20", "%E4%B8%AD", "%e4%b8%ad", "a%2Fb", "!", "$", "&", "'", "(", ")", "*",
    "+", ",", ";", "=", ":", "@", "~", "-", "_", ".", "%", "%zz", "%4", "%FF", "%C3", "^", "|",
    "[", "]", "{", "}", "`", "\"", "<", ">", "\\", "😀", "%F0%9F%98%80", "..", ".", "?", "#",
]
QUERY_KEYS = [
    "offset", "limit", "order_id", "a", "b", "A", "Z", "aZ", "a^", "ab", "a中", "", "key with space",
    "k+plus", "k=eq", "k&amp", "k/slash", "k~tilde", "k*star", "k!bang", "k'q", "k(p)", "中文", "é",
    "%41", "%zz", "_", "-", ".", "😀", "x y", "limit ",
]
QUERY_VALUES = [
    "", "0", "10", "100", "1", "9", "10.50", "true", "false", "a b", "a+b", "a/b", "a=b", "a&b",
    "~", "*", "!'()", "中文", "顾客", "é", "%", "%20", "%2F", "a%2Fb", "😀", "CNY", "2025-01-01T00:00:00Z",
    " lead", "trail ", "\t", "line\nbreak", ",", ";", ":", "@", "$", "#frag", "?q",
]
CONTENT_TYPES = [
    "application/json",
    "application/json;charset=UTF-8",
    "application/json; charset=utf-8",
    "application/bson",
    "text/plain",
    "text/plain;charset=UTF-8",
    "application/x-www-form-urlencoded",
    "application/octet-stream",
    "multipart/form-data; boundary=xyz",
    " application/json",
    "Application/JSON",
    "",
]
EXTRA_HEADERS = [
    ("X-Domain-Id", lambda: "".join(R.choice("0123456789abcdef") for _ in range(32))),
    ("X-Project-Id", lambda: "".join(R.choice("0123456789abcdef") for _ in range(32))),
    ("User-Agent", lambda: "huaweicloud-usdk-python/3.0; bss-storefront-test"),
    ("X-Language", lambda: R.choice(["zh_CN", "en_US"])),
    ("X-Security-Token", lambda: "tok" + str(R.randint(0, 10**9))),
    ("Accept", lambda: "application/json"),
    ("X-Request-Id", lambda: str(R.randint(0, 10**12))),
    ("X_Custom_Header", lambda: "unsigned because of the underscore"),
    ("x_auth_token", lambda: "also-unsigned"),
    ("X-Padded", lambda: R.choice(["  padded  ", "\tv\t", " inner  spaces ", "\u3000wide\u3000", "\x1fsep\x1c"])),
    ("X-Empty", lambda: ""),
    ("X-Cjk", lambda: R.choice(["中文值", " 中 文 ", "é"])),
    ("x-MIXED-case", lambda: "Mixed"),
    ("X-Sdk-Content-Sha256", lambda: R.choice(["UNSIGNED-PAYLOAD", " UNSIGNED-PAYLOAD ", "custom-hash", ""])),
]
DATE_HEADER_NAMES = ["X-Sdk-Date", "x-sdk-date", "X-SDK-DATE", "x-Sdk-date"]
HOST_HEADER_NAMES = ["Host", "host", "HOST"]


def random_date():
    start = _dt.datetime(2019, 1, 1)
    return start + _dt.timedelta(seconds=R.randint(0, 10 * 365 * 86400))


def random_path():
    if R.random() < 0.3:
        return R.choice(BSS_PATHS)
    segments = []
    for _ in range(R.randint(1, 5)):
        segments.append("".join(R.choice(SEGMENT_PARTS) for _ in range(R.randint(0, 3))))
    path = "/" + "/".join(segments)
    if R.random() < 0.2:
        path += "/"
    return path


def random_query():
    """A list of (key, value) pairs as the SDK takes them; some keys carry a list value."""
    pairs = []
    for _ in range(R.choice([0, 0, 1, 2, 3, 4, 6])):
        key = R.choice(QUERY_KEYS)
        pairs.append((key, R.choice(QUERY_VALUES)))
    if R.random() < 0.25 and pairs:  # a repeated key, as separate pairs
        key = pairs[0][0]
        pairs.append((key, R.choice(QUERY_VALUES)))
    if R.random() < 0.2:  # a list value under a key used nowhere else
        used = {k for k, _ in pairs}
        free = [k for k in QUERY_KEYS if k not in used]
        if free:
            pairs.append((R.choice(free), [R.choice(QUERY_VALUES) for _ in range(R.randint(0, 3))]))
    return pairs


def random_body(headers):
    kind = R.choice(["none", "empty", "empty-str", "json", "json", "json-cjk", "binary", "form"])
    if kind == "none":
        return None
    if kind == "empty":
        return b""
    if kind == "empty-str":
        return ""
    if kind == "json":
        obj = {"offset": R.randint(0, 100), "limit": 10, "account_name": "cust" + str(R.randint(0, 99))}
        return json.dumps(obj)
    if kind == "json-cjk":
        obj = {"name": "客户" + str(R.randint(0, 9)), "memo": "满100可用 é 😀", "amount": "850.00"}
        return json.dumps(obj, ensure_ascii=False).encode("utf-8") if R.random() < 0.5 else json.dumps(obj, ensure_ascii=False)
    if kind == "binary":
        return bytes(R.randint(0, 255) for _ in range(R.randint(1, 64)))
    if not any(k.lower() == "content-type" for k in headers) and R.random() < 0.7:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    return "a=1&b=%E4%B8%AD&c=x+y"


def random_case(i):
    headers = {}
    if R.random() < 0.75:
        headers["Content-Type" if R.random() < 0.85 else "content-type"] = R.choice(CONTENT_TYPES)
    for name, value in R.sample(EXTRA_HEADERS, R.randint(0, 5)):
        headers[name] = value()
    if R.random() < 0.85:
        headers[R.choice(DATE_HEADER_NAMES)] = random_date().strftime("%Y%m%dT%H%M%SZ")
    host = R.choice(HOSTS)
    if R.random() < 0.1:
        headers[R.choice(HOST_HEADER_NAMES)] = R.choice(["custom.example.com", " padded.example.com ", host])
    body = random_body(headers)
    ak = R.choice(["my ak", "HPUAXXXXXXXXXXXXXXXX", "AK" + str(R.randint(0, 10**6)), "ак-кириллица"])
    sk = R.choice(["my sk", "s" * 40, "SK/with+reserved=chars", "密钥中文", "x" * 100, "k" + str(R.randint(0, 10**9))])
    return {
        "id": f"gen-{i}",
        "method": R.choice(METHODS),
        "host": host,
        "path": random_path(),
        "query": random_query(),
        "headers": headers,
        "body": body,
        "ak": ak,
        "sk": sk,
    }


def fixed_cases():
    """Hand-picked requests: the SDK's own vector and the documented edge cases."""
    base = {"method": "GET", "host": "service.endpoint.myhuaweicloud.com", "ak": "my ak", "sk": "my sk", "body": None}
    date = {"X-Sdk-Date": "20200608T023900Z"}
    return [
        dict(base, id="V0", path="/resources", query=[("size", "1")], headers=dict(date)),
        dict(base, id="no-date-header", path="/resources", query=[], headers={}),
        dict(base, id="sort-order", path="/q", query=[("a中", "1"), ("ab", "2"), ("a^", "3"), ("aZ", "4")], headers=dict(date)),
        dict(base, id="empty-key-value", path="/q", query=[("", "v"), ("k", ""), ("", "")], headers=dict(date)),
        dict(base, id="repeated-list", path="/q", query=[("n", ["10", "9", "1"])], headers=dict(date)),
        dict(base, id="encoded-slash", path="/a%2Fb/c", query=[], headers=dict(date)),
        dict(base, id="raw-vs-encoded", path="/a b/中", query=[], headers=dict(date)),
        dict(base, id="encoded", path="/a%20b/%E4%B8%AD", query=[], headers=dict(date)),
        dict(base, id="invalid-utf8", path="/x%FFy/%C3/%E4%B8", query=[], headers=dict(date)),
        dict(base, id="json-body", method="POST", path="/v2/partners/sub-customers", query=[],
             headers=dict(date, **{"Content-Type": "application/json;charset=UTF-8", "X-Domain-Id": "d" * 32}),
             body='{"xaccount_id":"x1","xaccount_type":"t"}'),
        dict(base, id="unsigned-payload", method="PUT", path="/upload", query=[],
             headers=dict(date, **{"Content-Type": "application/octet-stream"}), body=b"\x00\x01\x02"),
        dict(base, id="override-hash", method="POST", path="/p", query=[],
             headers=dict(date, **{"Content-Type": "application/json", "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD"}),
             body="{}"),
        dict(base, id="underscore-unsigned", path="/p", query=[], headers=dict(date, X_Custom="v")),
        dict(base, id="padding", path="/p", query=[], headers=dict(date, **{"X-A": "  a  b  ", "X-B": "\t"})),
    ]


def sign_request(method, host, path, query, headers, body, ak, sk):
    """The SDK's signed `SdkRequest` (query: (key, value) pairs, a value may be a list)."""
    request = SdkRequest(
        method=method,
        schema="https",
        host=host,
        resource_path=path,
        query_params=[(k, list(v) if isinstance(v, list) else v) for k, v in query],
        header_params=dict(headers),
        body=body,
    )
    return Signer(types.SimpleNamespace(ak=ak, sk=sk)).sign(request)


def sign(case):
    signed = sign_request(case["method"], case["host"], case["path"], case["query"], case["headers"],
                          case["body"], case["ak"], case["sk"])
    body = case["body"]
    if isinstance(body, str):
        body = body.encode("utf-8")
    pairs = []
    for k, v in case["query"]:
        for item in v if isinstance(v, list) else [v]:
            pairs.append([k, item])
    return {
        "id": case["id"],
        "method": case["method"],
        "host": case["host"],
        "path": case["path"],
        "query": pairs,
        "headers": [[k, v] for k, v in case["headers"].items()],
        "body_base64": base64.b64encode(body or b"").decode("ascii"),
        "ak": case["ak"],
        "sk": case["sk"],
        "fallback_date": _FixedClock.now_value.strftime("%Y%m%dT%H%M%SZ"),
        "expected": {
            "authorization": signed.header_params["Authorization"],
            "uri": signed.uri,
            # The SDK stores values as latin-1 decodings of their UTF-8 bytes (all but the
            # Authorization header, added afterwards); undo that.
            "headers": [
                [k, v if k == "Authorization" else v.encode("iso-8859-1").decode("utf-8")]
                for k, v in signed.header_params.items()
            ],
        },
    }


def differential(out, count=600):
    signer_module.datetime = _FixedClock
    cases = [sign(c) for c in fixed_cases()]
    cases += [sign(random_case(i)) for i in range(count)]
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"signer": "huaweicloudsdkcore " + SDK_VERSION, "cases": cases}, f, ensure_ascii=False, indent=0)
    print(f"{out}: {len(cases)} requests signed by the official signer (huaweicloudsdkcore {SDK_VERSION})")


# ---- benchmarks ----

PYTHON_VERSION = ".".join(map(str, sys.version_info[:3]))


def samples_ns(run_once, budget_s, min_samples, max_samples):
    """Sorted wall times (ns) of `run_once`: samples until the budget is spent, within bounds."""
    samples = []
    begin = time.perf_counter()
    while len(samples) < max_samples and (len(samples) < min_samples or time.perf_counter() - begin < budget_s):
        t0 = time.perf_counter()
        run_once()
        samples.append((time.perf_counter() - t0) * 1e9)
    return sorted(samples)


def pct(sorted_values, p):
    return sorted_values[round((len(sorted_values) - 1) * p)]


def sign_scenario_request(r):
    return sign_request(r["method"], r["host"], r["path"], r["query"], r["headers"], r["body"] or None,
                        r["ak"], r["sk"]).header_params["Authorization"]


def scenario(scenario_path, out_path):
    with open(scenario_path, encoding="utf-8") as f:
        requests = json.load(f)["requests"]
    authorizations = [sign_scenario_request(r) for r in requests]  # also the warm-up
    samples = samples_ns(lambda: [sign_scenario_request(r) for r in requests], 4.0, 3, 15)
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
        json.dump({"python": PYTHON_VERSION, "sdk": SDK_VERSION, "timing": timing, "authorizations": authorizations}, f)


THROUGHPUT_HEADERS = {
    "Content-Type": "application/json",
    "X-Domain-Id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
    "X-Sdk-Date": "20250101T080000Z",
}


def sign_throughput_request():
    return sign_request("POST", "bss.myhuaweicloud.com", "/v2/partners/sub-customers/query", [], THROUGHPUT_HEADERS,
                        '{"account_name":"alice","offset":0,"limit":10}', "HPUAXXXXXXXXXXXXXXXX",
                        "bench-secret-key-0123456789abcdefghijklmn").header_params["Authorization"]


def throughput(n=20_000):
    for _ in range(n // 10):
        sign_throughput_request()
    best = samples_ns(lambda: [sign_throughput_request() for _ in range(n)], 0, 5, 5)[0] / 1e9
    print(f"official Signer (huaweicloudsdkcore, Python {PYTHON_VERSION}): {round(n / best):,} requests/s "
          f"({best / n * 1e6:.2f} µs each, best of 5 × {n})")
    print("same Authorization as signRequest:", sign_throughput_request())


def main():
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "differential" and len(args) in (1, 2):
        differential(args[0], *(int(a) for a in args[1:]))
    elif command == "scenario" and len(args) == 2:
        scenario(*args)
    elif command == "throughput" and not args:
        throughput()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
