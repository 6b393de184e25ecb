"""Old names kept for a while: a function under its old name warns and calls the new one."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


def deprecated(module: str, old: str, function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` under its old name ``old`` in ``module``, warning with a
    :class:`DeprecationWarning` that names the new one."""
    new = function.__name__

    @functools.wraps(function)
    def alias(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        warnings.warn(
            f"{module}.{old} is deprecated; use {module}.{new}",
            DeprecationWarning,
            stacklevel=2,
        )
        return function(*args, **kwargs)

    alias.__name__ = alias.__qualname__ = old
    alias.__doc__ = f"Deprecated: the old name of :func:`{new}`."
    return alias
