"""LVM grammar for tree-sitter: the libdm-config syntax of lvm2 (lvm.conf, lvmlocal.conf, profiles, LVM metadata backups)."""

from importlib.resources import files as _files

from ._binding import language


def _query(name):
    return (_files(__package__) / "queries" / name).read_text()


HIGHLIGHTS_QUERY = None
INJECTIONS_QUERY = None
FOLDS_QUERY = None
try:
    HIGHLIGHTS_QUERY = _query("highlights.scm")
    INJECTIONS_QUERY = _query("injections.scm")
    FOLDS_QUERY = _query("folds.scm")
except (FileNotFoundError, ModuleNotFoundError):
    pass

__all__ = ["language", "HIGHLIGHTS_QUERY", "INJECTIONS_QUERY", "FOLDS_QUERY"]
