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
import shlex
import sys
import warnings

from pykickstart.errors import KickstartDeprecationWarning

from pykickstart import version as V
from pykickstart.base import DeprecatedCommand, RemovedCommand
from pykickstart.parser import KickstartParser

# Every RHEL from 6 and every Fedora from 17 (pykickstart has a handler for each).
RELEASES = ["RHEL6", "RHEL7", "RHEL8", "RHEL9", "RHEL10", "RHEL11"] + ["F%d" % n for n in range(17, 46)]


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


def parse_warnings(handler, text):
    """Deprecation warnings pykickstart gives while parsing one line (a command line, or a section
    header with its %end) with `handler`, or None when the line does not parse (a probe that needs
    other arguments). Commands are parsed by their own object, as the parser's dispatcher does."""
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        try:
            if text.startswith("%"):
                KickstartParser(handler, followIncludes=False).readKickstartFromString(text)
            else:
                args = shlex.split(text)
                cmd = handler.commands[args[0]]
                cmd.currentCmd = args[0]
                cmd.lineno = 1
                cmd.seen = True
                cmd.parse(args[1:])
        except Exception:  # noqa: BLE001 (a probe the command rejects)
            return None
    return sorted({str(w.message) for w in got if issubclass(w.category, KickstartDeprecationWarning)})


def probe_value(o):
    if o.get("choices"):
        return str(o["choices"][0])
    if o.get("type") == "int":
        return "1"
    return "x"


def option_probes(name, string, o, positionals):
    """Lines that write the option once, with a value when it takes one, around dummy positionals."""
    takes = o["action"].split(":")[0] in ("store", "append") or o["action"].startswith("custom")
    opt = [string + "=" + probe_value(o)] if takes else [string]
    pos = [[], ["x"], ["x", "y"]] if positionals else [[]]
    return [" ".join([name] + p + opt) for p in pos] + [" ".join([name] + opt + p) for p in pos if p]


def parse_time_warnings(handler, commands, sections):
    """What pykickstart warns about while parsing (handlers that call warnings.warn, beyond the
    deprecated markers of argparse and deprecated command classes): per command, whether writing
    it warns at all (authconfig on F28 to F34), and per option string, whether writing that
    spelling warns (timezone --isUtc, --ntpservers, %packages --instLangs...). Found by parsing
    small probe lines with the release's handler."""
    for name, c in commands.items():
        if c["status"] != "active":
            continue
        positionals = c.get("positionals") or []
        bases = [name] + ([name + " x", name + " x y"] if positionals else [])
        base = None
        for b in bases:
            w = parse_warnings(handler, b)
            if w is not None:
                base = w if base is None else [m for m in base if m in w]
        if base:
            c["warnsAtParse"] = True
        base = set(base or [])
        for key, o in (c.get("options") or {}).items():
            warned = []
            for string in o["strings"]:
                for line in option_probes(name, string, o, positionals):
                    w = parse_warnings(handler, line)
                    if w is None:
                        continue
                    extra = [m for m in w if m not in base and "deprecated option" not in m.lower()]
                    if extra and string not in warned:
                        warned.append(string)
                    break
            if warned:
                o["warnsAtParse"] = warned
    for name, s in sections.items():
        base = set(parse_warnings(handler, "%s\n%%end\n" % name) or [])
        for key, o in (s.get("options") or {}).items():
            warned = []
            for string in o["strings"]:
                opt = string + "=" + probe_value(o) if o["action"].split(":")[0] in ("store", "append") else string
                w = parse_warnings(handler, "%s %s\n%%end\n" % (name, opt))
                extra = [m for m in (w or []) if m not in base and "deprecated option" not in m.lower()]
                if extra and string not in warned:
                    warned.append(string)
            if warned:
                o["warnsAtParse"] = warned


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
    parse_time_warnings(V.makeVersion(num), commands, sections)
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
