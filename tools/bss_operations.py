"""The BSS operations table, extracted mechanically from the official Python SDK.

    .venv/bin/python tools/bss_operations.py
    .venv/bin/python tools/bss_operations.py --check   # the files are what it writes (make sdk-wire)

Reads `huaweicloudsdkbss` (China site, `BssClient`) and `huaweicloudsdkbssintl`
(international site) as installed (pinned 3.1.219 in the Makefile) and writes:

* `src/api/operations.json` — the data file: per operation its method, path, path/query/
  header parameters and body fields (wire name, type, required, the SDK docstring the
  constraints come from), the response's amount fields, the intl marks, and the source
  (`huaweicloudsdkbss==3.1.219`, request/response model classes);
* `src/api/sdk_table.rs` — the Rust rows of the operations that have no hand-kept row in
  `src/api/operation.rs` (their rules derived from the SDK types and docstrings);
* `tests/vectors/api_sdk_cases.json` — two or more inputs per operation for the
  differential test against the SDK (`tests/sdk_wire/record.py`);
* `docs/client.md` — the operations table of its Operations section, between the
  `<!-- operations table: … -->` markers.

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
# Where the outputs go: the repository, or with `--check` a scratch copy compared with it.
OUT = ROOT
OUTPUTS = ["src/api/operations.json", "src/api/sdk_table.rs", "pkg/src/client_methods.rs",
           "pkg/js/client_methods.js", "docs/client.md"]
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
    } if wire != "X-Language" else {
        "name": wire, "attr": name, "at": at, "type": typ, "required": req,
        "rule": {"language": ["zh_CN", "en_US"], "any_case": True}, "empty": "rule",
        "no_spaces": False, "doc": doc,
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


def response_model(name, out, model_module):
    """Response model fields: wire name and SDK type, recursively."""
    if name in out or not hasattr(model_module, name):
        return
    cls = getattr(model_module, name)
    out[name] = [{"name": cls.attribute_map[a], "type": t} for a, t in cls.openapi_types.items()]
    for t in cls.openapi_types.values():
        inner = t[5:-1] if t.startswith("list[") else t
        if inner not in PRIMITIVES and not inner.startswith("dict("):
            response_model(inner, out, model_module)


# Who calls an operation, read from the first sentence of the SDK method's docstring:
# "客户…/企业主账号…" the customer (its own AK/SK or token), "伙伴/客户…" either, else the
# partner. The registration operations run "when a customer registers" but are the partner's.
# AutoRenewalResources' sentence names the customer mid-sentence; the rating APIs are
# called with the customer's credentials (the prices are the customer's).
CALLER_OVERRIDES = {"CheckUserIdentity": "partner", "SendVerificationMessageCode": "partner",
                    "AutoRenewalResources": "customer", "ListRateOnPeriodDetail": "customer",
                    "ListOnDemandResourceRatings": "customer"}


def caller_of(name, summary):
    if name in CALLER_OVERRIDES:
        return CALLER_OVERRIDES[name]
    s = summary.removeprefix("功能描述：")
    if s.startswith("伙伴/客户"):
        return "either"
    if re.match(r"(个人|企业)?客户|企业主账号", s):
        return "customer"
    return "partner"


def summaries(client_module):
    src = inspect.getsource(client_module)
    out = {}
    for m in re.finditer(r'    def (\w+)\(self, request\):\n        r"""(.*?)\n\n(.*?)\n', src, re.S):
        out[m.group(1)] = (m.group(2).strip(), m.group(3).strip())
    return out


def extract(client_module, model_module, source):
    models = {}
    responses = {}
    summary = summaries(client_module)
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
        response_model(name + "Response", responses, model_module)
        title, first = summary.get(snake(name), ("", ""))
        ops.append({
            "name": name,
            "title": title,
            "summary": first,
            "caller": caller_of(name, first),
            "method": f["method"],
            "path": f["path"],
            "params": params,
            "body": body_model,
            "body_required": "body" in req,
            "amounts": sorted(amount_fields(name + "Response", model_module)),
            "source": f"{source} {client_module.__name__} _{snake(name)}_http_info; {name}Request"
                      + (f" / {body_model}" if body_model else "") + f"; {name}Response",
        })
    for o in ops:
        o["response"] = o["name"] + "Response"
        fields = responses.get(o["response"], [])
        o["no_content"] = not fields
    return ops, models, responses


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


def rust_concat(lines, first, last):
    """`lines` (from `rust_program`) as one string expression: `concat!` unless one literal."""
    if len(lines) == 1 and lines[0].count('"') == 2:
        return [first + lines[0].strip().rstrip(",")]
    return [first + "concat!(", *lines, last + ")"]


class Macro(str):
    """A nested model in a field's program text: the model's macro (`m_name!()`)."""


def rule_parts(rule):
    """The program text of a rule (see `Fields` in src/api/schema.rs), as parts."""
    if "list" in rule:
        return ["[", *rule_parts(rule["list"]), "]"]
    if "object" in rule:
        return ["{", Macro("m_%s" % const_name(rule["object"]).lower()), "}"]
    if "time" in rule:
        return ["t"]
    if "text" in rule:
        return ["s"]
    if "int" in rule:
        return ["i" if rule["int"] is None else "i%d..%d" % tuple(rule["int"])]
    if "decimal" in rule:
        return ["d"]
    if "bool" in rule:
        return ["b"]
    if "language" in rule:
        return ["E(%s)" % "|".join(rule["language"])]
    return ["a"]


def field_parts(f):
    """The program text of one field: place, name, flags, `:`, rule."""
    if f["at"] == "header" and f["name"] == "X-Language":
        # zh_CN / en_US in any case, as on every operation; never required.
        return ["%s@%s:" % (f["input"], f["name"]), *rule_parts(f["rule"])]
    head = {"query": "?", "path": "/", "body": ""}[f["at"]] + f["name"]
    if f["required"]:
        head += "!"
    if f["rule"].get("text") or f["rule"].get("time"):
        head += "#" if f["empty"] == "reject" else "~"
    if f["no_spaces"]:
        head += "%"
    return [head + ":", *rule_parts(f["rule"])]


def rust_program(fields, indent):
    """`concat!` arguments of a program: one line per field, nested models by macro."""
    lines = []
    for i, f in enumerate(fields):
        parts = field_parts(f) + ([] if i == len(fields) - 1 else [" "])
        args, text = [], ""
        for p in parts:
            if isinstance(p, Macro):
                args += ['"%s"' % text] if text else []
                args.append("%s!()" % p)
                text = ""
            else:
                text += p
        args += ['"%s"' % text] if text else []
        lines.append("%s%s," % (indent, ", ".join(args)))
    return lines


def repeat_of(op):
    if op["name"] in NEVER_RETRY:
        return "Never"
    if op["method"] == "GET" or re.match(r"(List|Show|Check)", op["name"]):
        return "ReadOnly"
    return "OnThrottle"


def nested_models(fields, models, used):
    """Adds to `used` the models nested (as objects or lists of objects) in `fields`."""
    for f in fields:
        r = f["rule"].get("list", f["rule"])
        if "object" in r and r["object"] not in used:
            used.add(r["object"])
            nested_models(models[r["object"]], models, used)


def write_rust(ops, models, responses):
    hand = hand_kept()
    gen = [o for o in ops if o["name"] not in hand]
    used = set()
    # The body model's fields are the operation's own (flattened); nested models are consts.
    for o in gen:
        nested_models(o["params"] + (models[o["body"]] if o["body"] else []), models, used)
    lines = [
        "//! Generated by `tools/bss_operations.py` from %s (facts and doc text: `operations.json`):" % SDK,
        "//! do not edit. The rows of the operations without a hand-kept row in `operation.rs`; their",
        "//! rules come from the SDK types and docstrings only (no constraint where the doc states none).",
        "",
        "use super::schema::Fields;",
        "",
        "// The nested models: their fields' program text (see `Fields`), spliced into the",
        "// operations' programs.",
    ]
    for name in sorted(used):
        lines.append("macro_rules! m_%s {" % const_name(name).lower())
        lines.append("    () => {")
        lines += rust_concat(rust_program(models[name], "            "), "        ", "        ")
        lines.append("    };")
        lines.append("}")
    # Operations with the same parameters share one list.
    seen = {}
    list_of = {}
    for o in gen:
        fields = list(o["params"]) + (models[o["body"]] if o["body"] else [])
        body = rust_program(fields, "    ")
        key = "\n".join(body)
        lines.append("/// `%s %s` (%s)" % (o["method"], o["path"], o["source"]))
        if key in seen:
            list_of[o["name"]] = seen[key]
            lines.append("/// The parameters of %s." % seen[key])
            continue
        seen[key] = list_of[o["name"]] = const_name(o["name"])
        text = rust_concat(body, "", "") if body else ['""']
        lines.append("pub(super) const %s: &Fields = &Fields(%s" % (const_name(o["name"]), text[0]))
        lines += text[1:]
        lines[-1] += ");"
    # Money fields only: decimals such as `usage` or `spec_size` stay numbers (a fraction
    # still becomes an exact string).
    amounts = sorted({a for o in ops for a in o["amounts"]
                      if re.search(r"amount|balance|price|face_value|quota_value|ratio", a)})
    lines.append("/// Every decimal field of the SDK's response models: amounts, read exactly.")
    lines.append("pub const SDK_AMOUNT_KEYS: &[&str] = &[%s];" % ", ".join('"%s"' % a for a in amounts))
    # Sets of operations as names separated by spaces (one string: no table of pointers).
    def names(pred):
        return '"%s"' % " ".join(o["name"] for o in ops if pred(o))
    lines.append("// Sets of operations: their names, separated by spaces.")
    lines.append("/// The operations of the China site's BssClient that the international site lacks.")
    lines.append("pub const CN_ONLY: &str = %s;" % names(lambda o: not o["intl"]))
    lines.append("/// The operations a customer calls (its own AK/SK or IAM token); the rest are the partner's.")
    lines.append("pub const CUSTOMER_CALLED: &str = %s;" % names(lambda o: o["caller"] == "customer"))
    lines.append("/// The operations a partner and a customer may both call.")
    lines.append("pub const EITHER_CALLED: &str = %s;" % names(lambda o: o["caller"] == "either"))
    lines.append("/// The operations whose success is `204 No Content` (the SDK's response model is empty).")
    lines.append("pub const NO_CONTENT: &str = %s;" % names(lambda o: o["no_content"]))
    # Offset/limit paging: the operations with both inputs whose answer has one list.
    paged = []
    for o in ops:
        names = {p["name"] for p in o["params"]} | {f["name"] for f in (models[o["body"]] if o["body"] else [])}
        resp = responses.get(o["response"], [])
        lists = [f["name"] for f in resp if f["type"].startswith("list[")]
        counts = [f["name"] for f in resp if f["type"] == "int" and f["name"] in ("total_count", "count")]
        if {"offset", "limit"} <= names and len(lists) == 1:
            paged.append('("%s", "%s", %s)' % (o["name"], lists[0], '"%s"' % counts[0] if counts else '""'))
    # Marker paging: a `marker` input and `next_marker` in the answer (at the top or one level down).
    marked = []
    for o in ops:
        names = {p["name"] for p in o["params"]} | {f["name"] for f in (models[o["body"]] if o["body"] else [])}
        resp = responses.get(o["response"], [])
        lists = [f["name"] for f in resp if f["type"].startswith("list[")]
        where = [f["name"] for f in resp if f["name"] == "next_marker"] + [
            f"{f['name']}.next_marker" for f in resp
            if any(g["name"] == "next_marker" for g in responses.get(f["type"], []))]
        if "marker" in names and len(lists) == 1 and where:
            marked.append('("%s", "%s", "%s")' % (o["name"], lists[0], where[0]))
    lines.append("/// Marker paging: (operation, the answer's list, where the next marker is: `a.b`).")
    lines.append("pub const MARKER_PAGED: &[(&str, &str, &str)] = &[%s];" % ", ".join(marked))
    lines.append("/// Offset/limit paging: (operation, the answer's list, its total count or \"\").")
    lines.append("pub const PAGED: &[(&str, &str, &str)] = &[%s];" % ", ".join(paged))
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
        lines.append('            %s "%s" "%s" %s %s sdk_table::%s, None, None;' % (
            o["name"], o["method"], o["path"], repeat_of(o), "true" if o["body"] else "false", list_of[o["name"]]))
    lines.append("        }")
    lines.append("    };")
    lines.append("}")
    lines.append("")
    out = os.path.join(OUT, "src/api/sdk_table.rs")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    print(f"{out}: {len(gen)} generated rows, {len(used)} models")


# ---- the binding's methods and TypeScript types ----

# The hand-written TS types of the hand-kept operations (pkg/src/client_types.rs); a result
# of None is the SDK's response model, generated like the others' (the hand-written result
# names are aliases of it), so that every key of the answer is declared.
HAND_TS = {
    "CheckUserIdentity": ("CheckUserIdentityInput", "CheckUserIdentityResult"),
    "SendVerificationMessageCode": ("SendVerificationMessageCodeInput", "null"),
    "CreateSubCustomer": ("CreateSubCustomerInput", "CreateSubCustomerResult"),
    "ListSubCustomers": ("ListSubCustomersInput", None),
    "ListSubCustomerCoupons": ("ListSubCustomerCouponsInput", None),
    "ListIssuedPartnerCoupons": ("ListIssuedPartnerCouponsInput", None),
    "CreatePartnerCoupons": ("CreatePartnerCouponsInput", "CreatePartnerCouponsResult"),
    "ReclaimPartnerCoupons": ("ReclaimPartnerCouponsInput", "null"),
    "ListQuotaCoupons": ("ListQuotaCouponsInput", None),
    "ListOrderCouponsByOrderId": ("OrderIdInput", None),
    "ListOrderDiscounts": ("OrderIdInput", None),
    "PayOrders": ("PayOrdersInput", "null"),
    "ListRateOnPeriodDetail": ("RateOnPeriodInput", None),
    "ListOnDemandResourceRatings": ("RateOnDemandInput", None),
    "ListRenewRateOnPeriod": ("RenewRateInput", None),
    "ListServiceTypes": ("ListServiceTypesInput", None),
    "ListResourceTypes": ("PageInput", None),
    "ListServiceResources": ("ListServiceResourcesInput", None),
    "ListUsageTypes": ("ListUsageTypesInput", None),
    "ListMeasureUnits": ("LanguageInput", None),
    "ListConversions": ("ListConversionsInput", None),
    "ListResourceSpecs": ("ListResourceSpecsInput", None),
    "ListIncentiveDiscountPolicies": ("ListIncentivePoliciesInput", None),
}
AMOUNT_NAME = re.compile(r"amount|balance|price|face_value|quota_value|ratio")


def ts_doc(text, indent):
    text = " ".join(text.split()).replace("*/", "*∕")
    if len(text) > 160:
        text = text[:157] + "…"
    return f"{indent}/** {text} */\n" if text else ""


def ts_input_type(rule):
    if "list" in rule:
        inner = ts_input_type(rule["list"])
        return f"({inner})[]" if "|" in inner else f"{inner}[]"
    if "object" in rule:
        return "Bss" + rule["object"]
    if "language" in rule:
        return "Language"
    if "text" in rule or "time" in rule:
        return "string"
    if "int" in rule:
        return "number"
    if "decimal" in rule:
        return "BssAmount"
    if "bool" in rule:
        return "boolean"
    return "unknown"


def ts_output_type(typ, name):
    if typ.startswith("list["):
        inner = ts_output_type(typ[5:-1], name)
        return f"({inner})[]" if "|" in inner else f"{inner}[]"
    if typ in ("str", "datetime"):
        return "string"
    if typ == "int":
        return "number"
    if typ in ("float", "decimal.Decimal"):
        # Amounts are exact decimal strings; other fractions too, whole numbers stay numbers.
        return "string" if AMOUNT_NAME.search(name) else "number | string"
    if typ == "bool":
        return "boolean"
    if typ == "object" or typ.startswith("dict("):
        return "unknown"
    return "Bss" + typ


def write_binding(ops, models, responses):
    hand = hand_kept()
    ts = []
    used_in, used_out = set(), set()

    def need_out(name):
        if name in used_out or name not in responses:
            return
        used_out.add(name)
        for f in responses[name]:
            t = f["type"][5:-1] if f["type"].startswith("list[") else f["type"]
            if t not in PRIMITIVES and not t.startswith("dict("):
                need_out(t)

    rows, answers = [], []
    for o in ops:
        js = o["name"][0].lower() + o["name"][1:]
        if o["name"] in hand:
            inp, out = HAND_TS[o["name"]]
            if out is None:
                need_out(o["response"])
                out = "Bss" + o["response"]
        else:
            fields = list(o["params"]) + (models[o["body"]] if o["body"] else [])
            nested_models(fields, models, used_in)
            inp = o["name"] + "Input"
            ts.append(ts_doc(f"{o['title']} ({o['method']} {o['path']}). {o['summary']}", ""))
            ts.append(f"export interface {inp} {{\n")
            for f in fields:
                ts.append(ts_doc(f["doc"], "  "))
                ts.append(f"  {f['input'] if f['at'] == 'header' else f['name']}{'' if f['required'] else '?'}: "
                          f"{ts_input_type(f['rule'])};\n")
            ts.append("}\n")
            if o["no_content"]:
                out = "null"
            else:
                need_out(o["response"])
                out = "Bss" + o["response"]
        rows.append((js, f"  {js}(input: {inp}): Promise<{out}>;\n"))
        answers.append(f"  {o['name']}: {out};\n")
    for name in sorted(used_in):
        ts.append(f"export interface Bss{name} {{\n")
        for f in models[name]:
            ts.append(ts_doc(f["doc"], "  "))
            ts.append(f"  {f['name']}{'' if f['required'] else '?'}: {ts_input_type(f['rule'])};\n")
        ts.append("}\n")
    for name in sorted(used_out):
        ts.append(f"export interface Bss{name} {{\n")
        for f in responses[name]:
            ts.append(f"  {f['name']}?: {ts_output_type(f['type'], f['name'])};\n")
        ts.append("}\n")
    # The methods: declared on `BssClient` by interface merging, defined in JS
    # (`pkg/js/client_methods.js`), each `call(name, input)`. One wasm export (`call`) instead of
    # one export, shim and glue function per operation: the module is smaller by their sum.
    ts.append("/** One method per BSS operation: resolves to the BSS answer (amounts as strings), rejects with `BssError`. */\n")
    ts.append("/** The answer of each operation, by its BSS name (what `pages` yields). */\n")
    ts.append("export interface BssAnswers {\n" + "".join(answers) + "}\n")
    pages = ("  /**\n"
             "   * The pages of a list operation (each its answer), at most `max_pages` (default 100, at most\n"
             "   * 10000). Throws `BssError` `unknown_operation`, or `invalid_option` for an operation that\n"
             "   * does not page. Named in BSS's words (`\"ListSubCustomers\"`), a page is typed as its answer.\n"
             "   */\n"
             "  pages<K extends keyof BssAnswers>(operation: K, input: object, max_pages?: number | null): "
             "AsyncIterableIterator<BssAnswers[K]>;\n"
             "  /** The pages of an operation named as its method (`\"listSubCustomers\"`). */\n"
             "  pages(operation: string, input: object, max_pages?: number | null): AsyncIterableIterator<any>;\n")
    ts.append("export interface BssClient {\n" + "".join(sig for _, sig in rows) + pages + "}\n")
    text = "".join(ts)
    lines = [
        "//! Generated by `tools/bss_operations.py` from the operations table (`src/api/`): do not",
        "//! edit. The TypeScript input and result types of the operations without hand-written",
        "//! ones (`client_types.rs`), and the `BssClient` method of each operation, which",
        "//! `pkg/js/client_methods.js` defines on `call`.",
        "",
        "use wasm_bindgen::prelude::*;",
        "",
        "#[wasm_bindgen(typescript_custom_section)]",
        'const SDK_TS: &\'static str = r#"',
        text + '"#;',
        "",
    ]
    out = os.path.join(OUT, "pkg/src/client_methods.rs")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    names = "".join(f"  '{js}',\n" for js, _ in rows)
    js_text = (
        "// Generated by tools/bss_operations.py from the operations table (src/api/): do not edit.\n"
        "// The BssClient method of each BSS operation, defined in JS on `call(name, input)`: the wasm\n"
        "// module then has one export for every operation instead of one export and shim each.\n"
        f"const METHODS = [\n{names}];\n\n"
        "/** Defines the operation methods on `BssClient.prototype` of the client area's glue `api`. */\n"
        "export function addOperationMethods(api) {\n"
        "  const proto = api.BssClient.prototype;\n"
        "  for (const name of METHODS) {\n"
        "    if (Object.hasOwn(proto, name)) continue;\n"
        "    // A method (named, not a constructor), like the class's own.\n"
        "    const method = { [name](input) { return this.call(name, input); } }[name];\n"
        "    Object.defineProperty(proto, name, { value: method, writable: true, configurable: true });\n"
        "  }\n"
        "}\n"
    )
    js_out = os.path.join(OUT, "pkg/js/client_methods.js")
    with open(js_out, "w", encoding="utf-8") as fh:
        fh.write(js_text)
    print(f"{out}: {len(rows)} methods, {len(text.encode())} bytes of TypeScript")


# ---- docs/client.md (the Operations section; the README links to it) ----

OPERATIONS_DOC = os.path.join(ROOT, "docs", "client.md")
BEGIN, END = "<!-- operations table: generated by tools/bss_operations.py -->", "<!-- end of operations table -->"
RETRY = {"ReadOnly": "read", "OnThrottle": "write (429 only)", "Never": "**never**"}


def hand_repeat():
    src = open(HAND_ROWS, encoding="utf-8").read()
    return dict(re.findall(r'^\s+(\w+) "\w+" "[^"]+" (\w+) ', src, re.M))


def write_operations_doc(ops):
    hand, repeat = hand_kept(), hand_repeat()
    rows = ["| method | request | caller | repeated after | intl | rules |", "|---|---|---|---|---|---|"]
    for o in ops:
        js = o["name"][0].lower() + o["name"][1:]
        r = repeat.get(o["name"]) or repeat_of(o)
        rules = "documented (hand-kept)" if o["name"] in hand else "SDK types + doc"
        rows.append(f"| `{js}` | `{o['method']} {o['path']}`{' (204)' if o['no_content'] else ''} | {o['caller']} "
                    f"| {RETRY[r]} | {'yes' if o['intl'] else '—'} | {rules} |")
    body = "\n".join([BEGIN, *rows, END])
    text = open(OPERATIONS_DOC, encoding="utf-8").read()
    start, end = text.index(BEGIN), text.index(END) + len(END)
    out = os.path.join(OUT, "docs", "client.md")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(text[:start] + body + text[end:])
    print(f"{out}: operations table, {len(body.encode())} bytes")


if __name__ == "__main__":
    check = sys.argv[1:] == ["--check"]
    if check:
        import tempfile
        OUT = tempfile.mkdtemp()
        for f in OUTPUTS:
            os.makedirs(os.path.dirname(os.path.join(OUT, f)), exist_ok=True)
    cn_ops, cn_models, cn_responses = extract(cn_client, cn_model, SDK)
    intl_ops, intl_models, _ = extract(intl_client, intl_model, SDK_INTL)
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
        "responses": cn_responses,
        "intl_only": sorted(set(intl_by_name) - {o["name"] for o in cn_ops}),
    }
    out = os.path.join(OUT, "src/api/operations.json")
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"{out}: {len(cn_ops)} operations, {len(cn_models)} models, intl shares {sum(o['intl'] for o in cn_ops)}")
    write_rust(cn_ops, cn_models, cn_responses)
    write_binding(cn_ops, cn_models, cn_responses)
    write_operations_doc(cn_ops)
    # The Rust files as `cargo fmt` leaves them, so that regenerating changes nothing.
    import subprocess
    subprocess.run(["rustfmt", "--edition", "2024", os.path.join(OUT, "src/api/sdk_table.rs"),
                    os.path.join(OUT, "pkg/src/client_methods.rs")], check=True)
    if check:
        import shutil
        stale = [f for f in OUTPUTS if open(os.path.join(OUT, f), "rb").read() != open(os.path.join(ROOT, f), "rb").read()]
        shutil.rmtree(OUT)
        if stale:
            sys.exit("stale (run tools/bss_operations.py): " + ", ".join(stale))
        print("the generated files are fresh")
