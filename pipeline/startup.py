"""Imports of the third-party libraries, without the parts of them a run never uses.

A one-article ``zhnews extract`` is mostly process start, and two imports cost far more than they are
worth to it:

- ``import spacy`` imports ``spacy.cli`` (typer, weasel, httpx, requests, rich) only to offer
  ``spacy.info``: about a third of the spaCy import. After :func:`defer_spacy_cli`, spaCy's first import
  gets stand-ins for ``spacy.cli`` and ``spacy.cli.info``; the real modules are imported the first time
  anything of them is used (``spacy.info()``, ``from spacy.cli import …``, ``python -m spacy``).
- ``import jieba`` imports ``pkg_resources`` (setuptools' scan of every installed distribution) only to
  open its own data files, and falls back to a plain ``open`` without it: :func:`import_jieba` hides
  ``pkg_resources`` while jieba is imported.

Both only act when the library has not been imported yet, and change nothing about what it does.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import types
from typing import Any

_CLI = "spacy.cli"
_INFO = "spacy.cli.info"


class _DeferredModule(types.ModuleType):
    """A stand-in module: any attribute it does not have imports the real modules and is read from them."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # import machinery probing (__file__, __loader__…): no reason to load
        return getattr(_load_real(self.__name__), name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # the real ``spacy.cli.info`` attribute is the function ``info`` (spacy/cli/__init__.py rebinds it)
        return _load_real(self.__name__).info(*args, **kwargs)


class _DeferredLoader(importlib.abc.Loader):
    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return _DeferredModule(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        if module.__name__ == _INFO:
            module.info = _info  # what ``spacy/__init__.py`` imports from it


class _DeferCliFinder(importlib.abc.MetaPathFinder):
    """Serves the stand-ins through the import system (so ``spacy.cli`` is bound on the package as usual),
    once: after ``spacy.cli.info`` it steps aside and later imports find the real modules."""

    def __init__(self, cli_dir: str) -> None:
        self.cli_dir = cli_dir

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in (_CLI, _INFO):
            return None
        if fullname == _INFO:
            _remove_finder()
        spec = importlib.util.spec_from_loader(fullname, _DeferredLoader(), is_package=fullname == _CLI)
        if spec is not None and fullname == _CLI:
            spec.submodule_search_locations = [self.cli_dir]  # ``import spacy.cli.download`` finds the file
        return spec


def _remove_finder() -> None:
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _DeferCliFinder)]


def _load_real(name: str) -> types.ModuleType:
    """Drop the stand-ins (only ours) and import the real ``spacy.cli``, which imports ``.info`` too."""
    _remove_finder()
    for key in (_INFO, _CLI):
        if isinstance(sys.modules.get(key), _DeferredModule):
            del sys.modules[key]
    importlib.import_module(_CLI)
    return importlib.import_module(name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info`` until the real one is imported: imports it and calls it."""
    return _load_real(_INFO).info(*args, **kwargs)


def defer_spacy_cli() -> bool:
    """Put the stand-ins' finder first on ``sys.meta_path``; False when spaCy is already imported (or is
    not installed), when nothing is done."""
    if "spacy" in sys.modules or any(isinstance(f, _DeferCliFinder) for f in sys.meta_path):
        return False
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        return False
    sys.meta_path.insert(0, _DeferCliFinder(os.path.join(os.path.dirname(spec.origin), "cli")))
    return True


def import_jieba() -> types.ModuleType:
    """``import jieba`` without its ``import pkg_resources`` (0.3-0.7 s), when that is not imported yet."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        return importlib.import_module("jieba")
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes ``import pkg_resources`` fail
    try:
        return importlib.import_module("jieba")
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
