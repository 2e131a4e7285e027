"""The BSS operations table, extracted mechanically from the official Python SDK.

    .venv/bin/python tools/bss_operations.py

Reads `huaweicloudsdkbss` (China site, `BssClient`) and `huaweicloudsdkbssintl`
(international site) as installed (pinned 3.1.219 in the Makefile) and writes:

* `src/api/operations.json` — the data file: per operation its method, path, path/query/
  header parameters and body fields (wire name, type, required, the SDK docstring the
  constraints come from), the response's amount fields, the intl marks, and the source
  (`huaweicloudsdkbss==3.1.219`, request/response model classes);
* `src/api/sdk_table.rs` — the Rust rows of the operations that have no hand-kept row in
  `src/api/operation.rs` (their rules derived from the SDK types and docstrings);
* `tests/vectors/api_sdk_cases.json` — two or more inputs per operation for the
  differential test against the SDK (`tests/sdk_wire/record.py`).

Constraint extraction from the docstrings is deliberately narrow: `""` meaning (不支持携带
值为空串 → refused; 不作为筛选条件 → sent as is), the UTC time format, "不支持携带空格", and
the explicit ranges "取值范围：a~b" / "最大值为n". Where the doc states nothing, no rule is
invented: any string, any integer.
"""

import html
import inspect
import json
import os
import re
import sys
from importlib.metadata import version

import huaweicloudsdkbss.v2.bss_client as cn_client
import huaweicloudsdkbss.v2.model as cn_model
import huaweicloudsdkbssintl.v2.bssintl_client as intl_client
import huaweicloudsdkbssintl.v2.model as intl_model

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SDK = f"huaweicloudsdkbss=={version('huaweicloudsdkbss')}"
SDK_INTL = f"huaweicloudsdkbssintl=={version('huaweicloudsdkbssintl')}"
PRIMITIVES = {"str", "int", "float", "bool", "object", "decimal.Decimal", "datetime"}


def operations(client_module):
    """(name, http_info source) of every operation of a client module, in source order."""
    src = inspect.getsource(client_module)
    out = []
    for m in re.finditer(r"def _(\w+)_http_info\(cls, request\):\n(.*?)return http_info", src, re.S):
        body = m.group(2)
        name = re.search(r'"response_type": "(\w+)Response"', body).group(1)
        out.append((name, body))
    return out


def http_facts(body):
    facts = {
        "method": re.search(r'"method": "(\w+)"', body).group(1),
        "path": re.search(r'"resource_path": "([^"]+)"', body).group(1),
        "path_params": re.findall(r"path_params\['(\w+)'\] = local_var_params\['(\w+)'\]", body),
        "query_params": re.findall(r"query_params.append\(\('([\w-]+)', local_var_params\['(\w+)'\]\)\)", body),
        "header_params": re.findall(r"header_params\['([\w-]+)'\] = local_var_params\['(\w+)'\]", body),
        "collection_formats": dict(re.findall(r"collection_formats\['(\w+)'\] = '(\w+)'", body)),
        "has_body": "body = local_var_params['body']" in body,
    }
    return facts


def docs(cls):
    """param -> docstring text of a model's __init__."""
    doc = inspect.getdoc(cls.__init__) or ""
    out = {}
    for m in re.finditer(r":param (\w+): (.*?)(?=\n:type )", doc, re.S):
        out[m.group(1)] = html.unescape(" ".join(m.group(2).split()))
    return out


def required(cls):
    src = inspect.getsource(cls.__init__)
    return {a for a in cls.openapi_types if re.search(rf"\n\s+self\.{a} = {a}\n", src)
            and not re.search(rf"if {a} is not None:\n\s+self\.{a} = {a}", src)}


def rule_of(typ, doc, models, model_module):
    """The rule (a JSON-able dict) of one value from its SDK type and docstring."""
    if typ.startswith("list["):
        return {"list": rule_of(typ[5:-1], doc, models, model_module)}
    if typ.startswith("dict("):
        return {"any": True}
    if typ not in PRIMITIVES:
        model(typ, models, model_module)
        return {"object": typ}
    if typ == "str":
        if re.search(r"YYYY-MM-DD'?T'?hh:mm:ss'?Z'?", doc, re.I):
            return {"time": True}
        return {"text": True}
    if typ == "int":
        r = int_range(doc)
        return {"int": r} if r else {"int": None}
    if typ in ("float", "decimal.Decimal"):
        return {"decimal": True}
    if typ == "bool":
        return {"bool": True}
    return {"any": True}


def int_range(doc):
    m = re.search(r"取值范围[：:为]?\s*\[?(-?\d+)\s*[~～\-,，]\s*(-?\d+)\]?", doc)
    if m:
        return [int(m.group(1)), int(m.group(2))]
    return None


def empty_of(doc):
    if re.search(r"不支持(携带值为)?空串|不能为空串|不允许为空串", doc):
        return "reject"
    return "keep"


def field(name, wire, typ, req, doc, models, model_module, at):
    return {
        "name": wire,
        "attr": name,
        "at": at,
        "type": typ,
        "required": req,
        "rule": rule_of(typ, doc, models, model_module),
        "empty": empty_of(doc),
        "no_spaces": "不支持携带空格" in doc,
        "doc": doc,
    }


def model(name, models, model_module):
    if name in models:
        return
    models[name] = None  # recursion guard
    cls = getattr(model_module, name)
    d, req = docs(cls), required(cls)
    models[name] = [
        field(a, cls.attribute_map[a], t, a in req, d.get(a, ""), models, model_module, "body")
        for a, t in cls.openapi_types.items()
    ]


def amount_fields(name, model_module, seen=None):
    """Wire names of the decimal fields anywhere in a response model."""
    seen = seen if seen is not None else set()
    out = set()
    if name in seen or not hasattr(model_module, name):
        return out
    seen.add(name)
    cls = getattr(model_module, name)
    for a, t in getattr(cls, "openapi_types", {}).items():
        inner = t[5:-1] if t.startswith("list[") else t
        if inner in ("float", "decimal.Decimal"):
            out.add(cls.attribute_map[a])
        elif inner not in PRIMITIVES and not inner.startswith("dict("):
            out |= amount_fields(inner, model_module, seen)
    return out


def extract(client_module, model_module, source):
    models = {}
    ops = []
    for name, body in operations(client_module):
        f = http_facts(body)
        req_cls = getattr(model_module, name + "Request")
        d, req = docs(req_cls), required(req_cls)
        params = []
        for at, pairs in (("path", f["path_params"]), ("query", f["query_params"]), ("header", f["header_params"])):
            for wire, attr in pairs:
                p = field(attr, wire, req_cls.openapi_types[attr], attr in req, d.get(attr, ""), models, model_module, at)
                p["input"] = attr  # the input key (X-Language is given as x_language)
                if attr in f["collection_formats"]:
                    p["collection"] = f["collection_formats"][attr]
                params.append(p)
        body_model = None
        if f["has_body"]:
            body_model = req_cls.openapi_types["body"]
            model(body_model, models, model_module)
        ops.append({
            "name": name,
            "method": f["method"],
            "path": f["path"],
            "params": params,
            "body": body_model,
            "body_required": "body" in req,
            "amounts": sorted(amount_fields(name + "Response", model_module)),
            "source": f"{source} {client_module.__name__} _{snake(name)}_http_info; {name}Request"
                      + (f" / {body_model}" if body_model else "") + f"; {name}Response",
        })
    return ops, models


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


# ---- Rust rows ----

HAND_ROWS = os.path.join(ROOT, "src/api/operation.rs")
NEVER_RETRY = {"CreateSubCustomer", "CreateSubEnterpriseAccount"}


def hand_kept():
    """Operations with a hand-kept row in operation.rs."""
    src = open(HAND_ROWS, encoding="utf-8").read()
    block = src.split("with_sdk_rows! {", 1)[1].split("\n}\n", 1)[0]
    return set(re.findall(r"^\s+(\w+) \"", block, re.M))


def const_name(name):
    return re.sub(r"[^A-Z0-9_]", "_", snake(name).upper())


def rust_rule(rule):
    if "list" in rule:
        return "Rule::List { item: &%s, min: 0, max: usize::MAX, unique: false }" % rust_rule(rule["list"])
    if "object" in rule:
        return "Rule::Object(M_%s)" % const_name(rule["object"])
    if "time" in rule:
        return "Rule::Time"
    if "text" in rule:
        return "TEXT"
    if "int" in rule:
        return "INT" if rule["int"] is None else "Rule::Int(%d, %d)" % tuple(rule["int"])
    if "decimal" in rule:
        return "Rule::Decimal"
    if "bool" in rule:
        return "Rule::Bool"
    return "Rule::Any"


def rust_field(f):
    rule = rust_rule(f["rule"])
    if f["at"] == "header":
        out = 'Field::header("%s", "%s", %s)' % (f["input"], f["name"], rule)
    else:
        out = 'Field::%s("%s", %s)' % (f["at"], f["name"], rule)
    if f["required"]:
        out += ".required()"
    if f["rule"].get("text") or f["rule"].get("time"):
        out += ".empty(Empty::%s)" % ("Reject" if f["empty"] == "reject" else "Keep")
    if f["no_spaces"]:
        out += ".no_spaces()"
    return out


def repeat_of(op):
    if op["name"] in NEVER_RETRY:
        return "Never"
    if op["method"] == "GET" or re.match(r"(List|Show|Check)", op["name"]):
        return "ReadOnly"
    return "OnThrottle"


def write_rust(ops, models):
    hand = hand_kept()
    gen = [o for o in ops if o["name"] not in hand]
    used = set()

    def walk(fields):
        for f in fields:
            r = f["rule"].get("list", f["rule"])
            if "object" in r and r["object"] not in used:
                used.add(r["object"])
                walk(models[r["object"]])

    # The body model's fields are the operation's own (flattened); nested models are consts.
    for o in gen:
        walk(o["params"] + (models[o["body"]] if o["body"] else []))
    lines = [
        "//! Generated by `tools/bss_operations.py` from %s (facts and doc text: `operations.json`):" % SDK,
        "//! do not edit. The rows of the operations without a hand-kept row in `operation.rs`; their",
        "//! rules come from the SDK types and docstrings only (no constraint where the doc states none).",
        "",
        "use super::schema::{Empty, Field, Rule};",
        "",
        "/// Any string (the doc states no length).",
        "const TEXT: Rule = Rule::Text(0, usize::MAX);",
        "/// Any integer (the doc states no range).",
        "const INT: Rule = Rule::Int(i64::MIN, i64::MAX);",
        "",
    ]
    for name in sorted(used):
        lines.append("pub(super) const M_%s: &[Field] = &[" % const_name(name))
        lines += ["    %s," % rust_field(f) for f in models[name]]
        lines.append("];")
    # Operations with the same parameters share one list.
    seen = {}
    list_of = {}
    for o in gen:
        fields = list(o["params"]) + (models[o["body"]] if o["body"] else [])
        body = ["    %s," % rust_field(f) for f in fields]
        key = "\n".join(body)
        lines.append("/// `%s %s` (%s)" % (o["method"], o["path"], o["source"]))
        if key in seen:
            list_of[o["name"]] = seen[key]
            lines.append("/// The parameters of %s." % seen[key])
            continue
        seen[key] = list_of[o["name"]] = const_name(o["name"])
        lines.append("pub(super) const %s: &[Field] = &[" % const_name(o["name"]))
        lines += body
        lines.append("];")
    # Money fields only: decimals such as `usage` or `spec_size` stay numbers (a fraction
    # still becomes an exact string).
    amounts = sorted({a for o in ops for a in o["amounts"]
                      if re.search(r"amount|balance|price|face_value|quota_value|ratio", a)})
    lines.append("/// Every decimal field of the SDK's response models: amounts, read exactly.")
    lines.append("pub const SDK_AMOUNT_KEYS: &[&str] = &[%s];" % ", ".join('"%s"' % a for a in amounts))
    lines.append("/// The operations of the China site's BssClient that the international site lacks.")
    lines.append("pub const CN_ONLY: &[&str] = &[%s];" % ", ".join('"%s"' % o["name"] for o in ops if not o["intl"]))
    lines.append("/// Fields of shared operations that the international site's models lack.")
    lines.append("pub const INTL_MISSING_FIELDS: &[(&str, &[&str])] = &[%s];" % ", ".join(
        '("%s", &[%s])' % (o["name"], ", ".join('"%s"' % f for f in o["intl_missing_fields"]))
        for o in ops if o.get("intl_missing_fields")))
    lines.append("")
    lines.append("/// Appends the generated rows to the hand-kept rows and hands them to `$callback`.")
    lines.append("macro_rules! with_sdk_rows {")
    lines.append("    ($callback:ident { $($hand:tt)* }) => {")
    lines.append("        $callback! {")
    lines.append("            $($hand)*")
    for o in gen:
        js = o["name"][0].lower() + o["name"][1:]
        lines.append('            %s "%s" "%s" "%s" %s %s sdk_table::%s, None, None;' % (
            o["name"], js, o["method"], o["path"], repeat_of(o), "true" if o["body"] else "false", list_of[o["name"]]))
    lines.append("        }")
    lines.append("    };")
    lines.append("}")
    lines.append("")
    out = os.path.join(ROOT, "src/api/sdk_table.rs")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    print(f"{out}: {len(gen)} generated rows, {len(used)} models")


if __name__ == "__main__":
    cn_ops, cn_models = extract(cn_client, cn_model, SDK)
    intl_ops, intl_models = extract(intl_client, intl_model, SDK_INTL)
    intl_by_name = {o["name"]: o for o in intl_ops}
    for op in cn_ops:
        io = intl_by_name.get(op["name"])
        op["intl"] = io is not None
        if io is None:
            continue
        # Fields the intl model lacks (top level and body model).
        cn_fields = {p["name"] for p in op["params"]} | {f["name"] for f in cn_models.get(op["body"]) or []}
        intl_fields = {p["name"] for p in io["params"]} | {f["name"] for f in intl_models.get(io["body"]) or []}
        op["intl_missing_fields"] = sorted(cn_fields - intl_fields)
        op["intl_extra_fields"] = sorted(intl_fields - cn_fields)
        op["intl_same_path"] = (io["method"], io["path"]) == (op["method"], op["path"])
    data = {
        "description": "The BSS operations of the official SDK's BssClient, extracted by tools/bss_operations.py: "
                       "wire facts and the docstrings their constraints come from. Rust rows: src/api/operation.rs "
                       "(hand-kept, with the project's documented rules) and src/api/sdk_table.rs (generated).",
        "sources": [SDK, SDK_INTL],
        "operations": cn_ops,
        "models": cn_models,
        "intl_only": sorted(set(intl_by_name) - {o["name"] for o in cn_ops}),
    }
    out = os.path.join(ROOT, "src/api/operations.json")
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"{out}: {len(cn_ops)} operations, {len(cn_models)} models, intl shares {sum(o['intl'] for o in cn_ops)}")
    write_rust(cn_ops, cn_models)
