"""Appends to tests/vectors/api_requests.json one vector per operation that has none, with
the request the official SDK sent for the same input as the expected request (from a
`make sdk-wire` recording: target/sdk-wire-cases.json + target/sdk-wire.json; case "#1 (cn)",
every field given). Existing vectors are left as they are.

    python tests/sdk_wire/vectors_from_sdk.py
"""

import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VECTORS = os.path.join(ROOT, "tests/vectors/api_requests.json")


def main():
    cases = json.load(open(os.path.join(ROOT, "target/sdk-wire-cases.json")))["cases"]
    recorded = json.load(open(os.path.join(ROOT, "target/sdk-wire.json")))["cases"]
    doc = json.load(open(VECTORS, encoding="utf-8"))
    have = {c["operation"] for c in doc["cases"]}
    added = []
    for case, rec in zip(cases, recorded):
        op = case["operation"]
        if op in have or not case["name"].endswith("#1 (cn)"):
            continue
        sdk = rec["request"]
        request = {"method": sdk["method"], "path": sdk["path"], "query": sdk["query"]}
        lang = [v for k, v in sdk["headers"] if k == "X-Language"]
        if lang:
            request["headers"] = {"X-Language": lang[0]}
        request["body"] = json.loads(sdk["body"]) if sdk["body"] else None
        added.append({"name": f"{op}: every field, as huaweicloudsdkbss 3.1.219 sends it",
                      "operation": op, "input": case["input"], "request": request})
        have.add(op)
    # Appended as text, one case a line, so that the hand-formatted cases stay as they are.
    text = open(VECTORS, encoding="utf-8").read().rstrip()
    assert text.endswith("]\n}")
    head = text[: -len("]\n}")].rstrip()
    lines = [json.dumps(c, ensure_ascii=False) for c in added]
    with open(VECTORS, "w", encoding="utf-8") as fh:
        fh.write(head + "".join(",\n    " + l for l in lines) + "\n  ]\n}\n")
    print(f"{len(added)} vectors added")


if __name__ == "__main__":
    main()
