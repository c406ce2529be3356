from typing import Final

HIGHLIGHTS_QUERY: Final[str | None]
INJECTIONS_QUERY: Final[str | None]
FOLDS_QUERY: Final[str | None]

def language() -> object: ...
