"""The official SDK (`huaweicloudsdkbss`) as the oracle of the client's requests.

    python tests/sdk/official_requests.py OUT.json OPERATION...

For every case of `tests/vectors/api_requests.json` marked `"sdk": true` whose operation is
listed, calls that operation with the official `BssClient` against a recorder on
127.0.0.1 (a random port) and writes what arrived: {"sdk": <version>, "cases": [{name,
operation, method, path, query: [[k, v]...], headers: {X-Language?}, body}]}. Query pairs are
decoded; `tests/sdk_requests.rs` and `tests/js/orders.test.mjs` compare the client's requests
for the same inputs against them.
"""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkbss.v2 import BssClient
import huaweicloudsdkbss.v2 as models

try:
    from importlib.metadata import version as _version

    SDK_VERSION = _version("huaweicloudsdkbss")
except Exception:  # pragma: no cover
    SDK_VERSION = "unknown"

RECORDED = []


class Recorder(BaseHTTPRequestHandler):
    def _record(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8") if length else ""
        url = urlsplit(self.path)
        RECORDED.append(
            {
                "method": self.command,
                "path": unquote(url.path),
                "query": parse_qsl(url.query, keep_blank_values=True),
                "headers": {k: v for k, v in self.headers.items() if k.lower() == "x-language"},
                "body": json.loads(raw) if raw else None,
            }
        )
        payload = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = _record

    def log_message(self, *args):
        pass


def snake(name):
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def call(client, operation, data):
    """Calls `operation` with the input `data` (wire names) the way an SDK user would."""
    data = dict(data or {})
    request_class = getattr(models, operation + "Request")
    if operation == "CancelCustomerOrder":
        request = request_class(body=models.CancelCustomerOrderReq(**data))
    else:
        request = request_class(**data)
    getattr(client, snake(operation))(request)


def main():
    out, operations = sys.argv[1], set(sys.argv[2:])
    vectors = json.load(open("tests/vectors/api_requests.json", encoding="utf-8"))
    cases = [c for c in vectors["cases"] if c.get("sdk") and c["operation"] in operations]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    client = (
        BssClient.new_builder()
        .with_http_config(config)
        .with_credentials(GlobalCredentials("SDKAK0000000000000000", "SDKSK", "domain0000000000000000000000000"))
        .with_endpoints([f"http://127.0.0.1:{server.server_address[1]}"])
        .build()
    )
    results = []
    try:
        for case in cases:
            before = len(RECORDED)
            call(client, case["operation"], case["input"])
            if len(RECORDED) != before + 1:
                raise SystemExit(f"{case['name']}: {len(RECORDED) - before} requests recorded")
            results.append({"name": case["name"], "operation": case["operation"], **RECORDED[-1]})
    finally:
        server.shutdown()
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"sdk": SDK_VERSION, "cases": results}, f, ensure_ascii=False, indent=1)
    print(f"{len(results)} SDK requests recorded ({', '.join(sorted(operations))})")


if __name__ == "__main__":
    main()
