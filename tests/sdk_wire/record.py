"""Records the official SDK's HTTP requests for the differential wire test.

    python tests/sdk_wire/record.py CASES.json OUT.json

CASES (written by `cargo test --test sdk_wire -- --ignored write_cases`) lists inputs per
operation, in the client's input form: BSS wire names, query and body fields side by side,
`x_language` for the `X-Language` header. For each case this script builds the SDK request
(`huaweicloudsdkbss` or, for `"site": "intl"`, `huaweicloudsdkbssintl`: `<Op>Request` with its
body model filled recursively from the same keys), sends it with `BssClient` to a recorder on
127.0.0.1 and writes what arrived: method, raw path, raw query, headers, body bytes.
`tests/sdk_wire.rs` compares the client's requests with these.
"""

import decimal
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version

from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig

import huaweicloudsdkbss.v2 as bss
import huaweicloudsdkbssintl.v2 as bssintl

AK, SK, DOMAIN = "SDKWIREAK0000000000", "sdk-wire-secret-key-0000000000000000000", "sdk-wire-domain-0001"
RECEIVED = []


class Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _record(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        RECEIVED.append({
            "method": self.command,
            "path": path,
            "query": query,
            "headers": [[k, v] for k, v in self.headers.items()],
            "body": body.decode("utf-8") if body else None,
        })
        reply = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    do_GET = do_POST = do_PUT = do_DELETE = _record

    def log_message(self, *args):
        pass


def snake(name):
    out = ""
    for i, c in enumerate(name):
        if c.isupper() and i:
            out += "_"
        out += c.lower()
    return out


def value_of(typ, v, module):
    """A JSON value as the SDK model type holds it."""
    if v is None:
        return None
    if typ.startswith("list["):
        return [value_of(typ[5:-1], x, module) for x in v] if isinstance(v, list) else v
    if typ in ("float", "decimal.Decimal") and isinstance(v, str):
        return decimal.Decimal(v)  # the SDK types amounts as numbers; the client takes strings too
    if typ in ("str", "int", "bool", "object", "float", "decimal.Decimal") or typ.startswith("dict("):
        return v
    if isinstance(v, dict):
        return build_model(getattr(module, typ), v, module)
    return v


def build_model(cls, data, module):
    by_wire = {w: a for a, w in cls.attribute_map.items()}
    kwargs = {}
    for k, v in data.items():
        attr = by_wire.get(k)
        if attr is None:
            raise KeyError(f"{cls.__name__} has no field {k}")
        kwargs[attr] = value_of(cls.openapi_types[attr], v, module)
    return cls(**kwargs)


def build_request(op, data, module):
    req_cls = getattr(module, op + "Request")
    by_wire = {w: a for a, w in req_cls.attribute_map.items()}
    top, body = {}, {}
    for k, v in data.items():
        attr = k if k in req_cls.openapi_types and k != "body" else by_wire.get(k)
        if attr and attr != "body":
            top[attr] = value_of(req_cls.openapi_types[attr], v, module)
        else:
            body[k] = v
    if "body" in req_cls.openapi_types:
        top["body"] = build_model(getattr(module, req_cls.openapi_types["body"]), body, module)
    elif body:
        raise KeyError(f"{op} has no body for {sorted(body)}")
    return req_cls(**top)


def client(module, cls_name, endpoint):
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    return (getattr(module, cls_name).new_builder()
            .with_credentials(GlobalCredentials(AK, SK, DOMAIN))
            .with_endpoints([endpoint])
            .with_http_config(config)
            .build())


def main(cases_path, out_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{server.server_address[1]}"
    clients = {"cn": (bss, client(bss, "BssClient", endpoint)),
               "intl": (bssintl, client(bssintl, "BssintlClient", endpoint))}
    with open(cases_path, encoding="utf-8") as fh:
        cases = json.load(fh, parse_float=decimal.Decimal)["cases"]
    out = []
    try:
        for case in cases:
            module, sdk = clients[case.get("site", "cn")]
            RECEIVED.clear()
            entry = {"name": case["name"], "operation": case["operation"], "site": case.get("site", "cn")}
            try:
                req = build_request(case["operation"], case["input"] or {}, module)
                getattr(sdk, snake(case["operation"]))(req)
            except Exception as e:  # recorded: the comparison reports it
                entry["sdk_error"] = f"{type(e).__name__}: {e}"
            if len(RECEIVED) == 1:
                entry["request"] = RECEIVED[0]
            elif "sdk_error" not in entry:
                entry["sdk_error"] = f"{len(RECEIVED)} requests received"
            out.append(entry)
    finally:
        server.shutdown()
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump({"endpoint": endpoint, "ak": AK, "sk": SK, "domain_id": DOMAIN,
                   "sdk": [f"huaweicloudsdkbss=={version('huaweicloudsdkbss')}",
                           f"huaweicloudsdkbssintl=={version('huaweicloudsdkbssintl')}"],
                   "cases": out}, fh, ensure_ascii=False, indent=1)
    print(f"{out_path}: {len(out)} cases recorded, {sum('sdk_error' in c for c in out)} SDK errors")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
