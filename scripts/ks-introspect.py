#!/usr/bin/env python3
"""Dump pykickstart's per-release command, option and section tables as JSON (facts only).

Run with a pykickstart checkout on PYTHONPATH (it is never committed here):
  PYTHONPATH=/path/to/pykickstart python3 scripts/ks-introspect.py > /tmp/ks-introspect.json
scripts/gen-kickstart-commands.mjs reads the output and writes server/src/kickstart/commands.json.

For every release below it builds the handler pykickstart builds for that release (makeVersion)
and reads, per command, the argparse parser the handler's command object makes: option strings,
action, nargs, type, choices, const, dest, required, and pykickstart's own deprecated/removed
markers; positionals; whether the command class is a deprecated or removed one. Sections come
from the parser pykickstart builds for the handler (registered sections and their parsers).
"""
import argparse
import json
import sys
import warnings

from pykickstart import version as V
from pykickstart.base import DeprecatedCommand, RemovedCommand
from pykickstart.parser import KickstartParser

RELEASES = ["RHEL6", "RHEL7", "RHEL8", "RHEL9", "RHEL10", "RHEL11", "F45"]


def action_name(a):
    # argparse's action classes, by what they do (store, store_true, append, ...).
    table = {
        argparse._StoreAction: "store",
        argparse._StoreConstAction: "store_const",
        argparse._StoreTrueAction: "store_true",
        argparse._StoreFalseAction: "store_false",
        argparse._AppendAction: "append",
        argparse._AppendConstAction: "append_const",
        argparse._CountAction: "count",
        argparse._HelpAction: "help",
    }
    for cls, name in table.items():
        if type(a) is cls:
            return name
    # pykickstart's own actions subclass argparse's; report the nearest argparse base.
    for cls, name in table.items():
        if isinstance(a, cls):
            return name + ":" + type(a).__name__
    return "custom:" + type(a).__name__


def type_name(t):
    if t is None:
        return None
    if t is int:
        return "int"
    if t is float:
        return "float"
    if t is str:
        return "str"
    return getattr(t, "__name__", str(t))


def nargs_of(a):
    n = a.nargs
    if n is None:
        return None
    if isinstance(n, int):
        return n
    return str(n)


def jsonable(v):
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    return str(v)


def ver_name(n):
    if not n:
        return None
    try:
        return V.versionToString(n, skipDevel=True)
    except Exception:  # noqa: BLE001 (an unknown number)
        return str(n)


def dump_parser(op):
    options = {}
    positionals = []
    for a in op._actions:
        if isinstance(a, argparse._HelpAction):
            continue
        if not a.option_strings:
            positionals.append({"dest": a.dest, "nargs": nargs_of(a)})
            continue
        o = {
            "strings": list(a.option_strings),
            "action": action_name(a),
            "nargs": nargs_of(a),
            "type": type_name(a.type),
            "choices": jsonable(list(a.choices)) if a.choices is not None else None,
            "const": jsonable(a.const),
            "dest": a.dest,
            "required": bool(a.required),
            "deprecated": ver_name(getattr(a, "deprecated", False)) if getattr(a, "deprecated", False) else None,
            "removed": ver_name(getattr(a, "removed", None)),
        }
        options[a.option_strings[0]] = {k: v for k, v in o.items() if v not in (None, False)}
    return options, positionals


def dump_release(rel):
    num = V.versionMap[rel] if rel in V.versionMap else V.stringToVersion(rel)
    handler = V.makeVersion(num)
    commands = {}
    for name, cmd in sorted(handler.commands.items()):
        c = {"class": type(cmd).__name__}
        if isinstance(cmd, RemovedCommand):
            c["status"] = "removed"
        elif isinstance(cmd, DeprecatedCommand):
            c["status"] = "deprecated"
        else:
            c["status"] = "active"
        op = None
        try:
            op = cmd._getParser()
        except Exception:  # noqa: BLE001 (commands without a parser)
            op = None
        if op is not None:
            c["options"], c["positionals"] = dump_parser(op)
        c["conflicts"] = sorted(getattr(cmd, "conflictingCommands", []) or [])
        commands[name] = c
    parser = KickstartParser(handler)
    sections = {}
    for name, sec in sorted(parser._sections.items()):
        s = {"class": type(sec).__name__}
        op = None
        if hasattr(sec, "_getParser"):
            try:
                op = sec._getParser()
            except Exception:  # noqa: BLE001
                op = None
        if op is not None:
            s["options"], s["positionals"] = dump_parser(op)
        sections[name] = s
    return {"number": num, "commands": commands, "sections": sections}


def main():
    warnings.simplefilter("ignore")
    import pykickstart

    out = {"pykickstart": getattr(pykickstart, "__version__", None), "python": sys.version.split()[0], "releases": {}}
    for rel in RELEASES:
        out["releases"][rel] = dump_release(rel)
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
