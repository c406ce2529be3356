"""Imports a grammar's Python binding (tree_sitter_NAME, built by its setup.py) and parses each
file named on the command line with Debian's libtree-sitter through ctypes (bookworm has no
py-tree-sitter package), printing each root node's S-expression on one line.

Usage: parse_trees.py NAME FILE...   (test/grammar/python-binding.test.ts)
"""
import ctypes
import ctypes.util
import importlib
import sys


class TSNode(ctypes.Structure):
    _fields_ = [("context", ctypes.c_uint32 * 4), ("id", ctypes.c_void_p), ("tree", ctypes.c_void_p)]


def main():
    name, paths = sys.argv[1], sys.argv[2:]
    module = importlib.import_module("tree_sitter_" + name)
    capsule = module.language()
    get_pointer = ctypes.pythonapi.PyCapsule_GetPointer
    get_pointer.restype = ctypes.c_void_p
    get_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
    language = get_pointer(capsule, b"tree_sitter.Language")

    lib = ctypes.CDLL(ctypes.util.find_library("tree-sitter") or "libtree-sitter.so.0")
    lib.ts_parser_new.restype = ctypes.c_void_p
    lib.ts_parser_set_language.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    lib.ts_parser_set_language.restype = ctypes.c_bool
    lib.ts_parser_parse_string.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
    lib.ts_parser_parse_string.restype = ctypes.c_void_p
    lib.ts_tree_root_node.argtypes = [ctypes.c_void_p]
    lib.ts_tree_root_node.restype = TSNode
    lib.ts_node_string.argtypes = [TSNode]
    lib.ts_node_string.restype = ctypes.c_void_p
    lib.ts_tree_delete.argtypes = [ctypes.c_void_p]
    lib.ts_language_version.argtypes = [ctypes.c_void_p]
    lib.ts_language_version.restype = ctypes.c_uint32
    libc = ctypes.CDLL(None)
    libc.free.argtypes = [ctypes.c_void_p]

    parser = lib.ts_parser_new()
    if not lib.ts_parser_set_language(parser, language):
        sys.exit("language ABI %d not accepted" % lib.ts_language_version(language))
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        tree = lib.ts_parser_parse_string(parser, None, data, len(data))
        s = lib.ts_node_string(lib.ts_tree_root_node(tree))
        print(ctypes.string_at(s).decode("utf-8"))
        libc.free(s)
        lib.ts_tree_delete(tree)


if __name__ == "__main__":
    main()
