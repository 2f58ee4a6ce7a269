#!/usr/bin/python3
"""Writes pyo's constructor signatures as JSON: the reference the registry test checks every object against.

    /usr/bin/python3 tests/pyo/dump-signatures.py > tests/pyo/signatures.json

Needs Debian's python3-pyo (1.0.4). For each class that pyo exports and that derives from PyoObjectBase
(objects, tables, matrices, patterns), in name order: its base classes' names and its __init__ parameters
after self, each as [name, default] (a default JSON can hold, else its repr) or [name] when it has none; and
"streams", the named streams its documentation offers as obj['name'] (TrigEnv's 'trig'), when it has any.
"""
import contextlib
import inspect
import io
import json
import re
import sys

with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    import pyo  # prints a note about WxPython


def plain(value):
    try:
        json.dumps(value)
        return value
    except TypeError:
        return repr(value)


signatures = {}
for name in sorted(dir(pyo)):
    cls = getattr(pyo, name)
    if not inspect.isclass(cls) or not issubclass(cls, pyo.PyoObjectBase):
        continue
    params = []
    for p in list(inspect.signature(cls.__init__).parameters.values())[1:]:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            params.append(["*" + p.name if p.kind == p.VAR_POSITIONAL else "**" + p.name])
        elif p.default is inspect.Parameter.empty:
            params.append([p.name])
        else:
            params.append([p.name, plain(p.default)])
    bases = [b.__name__ for b in inspect.getmro(cls)[1:] if b is not object]
    signatures[name] = {"bases": bases, "params": params}
    streams = sorted(set(re.findall(r"obj\['(\w+)'\]", inspect.getdoc(cls) or "")))
    if streams:
        signatures[name]["streams"] = streams

json.dump({"pyo": pyo.PYO_VERSION, "classes": signatures}, sys.stdout, indent=1, sort_keys=True)
sys.stdout.write("\n")
