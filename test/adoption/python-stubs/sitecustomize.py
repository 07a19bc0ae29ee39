# Imported by Python at start-up when this folder is on PYTHONPATH (the corpus
# tests put it there). It stands in for libraries a corpus project's scripts or
# constants modules import but that neither Alembic's graph nor the DDL needs
# (pbr, oslo_log): each root named in ATHANOR_STUB_MODULES (or any, with `*`)
# imports as a module whose every attribute, and every call, is another such
# stand-in. Real modules are found first; only missing ones are stood in for.
import importlib.abc
import importlib.machinery
import os
import sys
import types

STUBBED = {name for name in os.environ.get("ATHANOR_STUB_MODULES", "").split(",") if name}


class _AnyMeta(type):
    # Attributes of a stand-in are classes, so a script may subclass one (class Conflict(exceptions.Conflict)).
    def __getattr__(cls, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _AnyMeta(name, (_AnyValue,), {})


class _AnyValue(metaclass=_AnyMeta):
    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _AnyMeta(name, (_AnyValue,), {})

    def __call__(self, *args, **kwargs):
        return _AnyValue()


class _Anything(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _AnyMeta(name, (_AnyValue,), {})


class _StandIn(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        if "*" in STUBBED or name.split(".")[0] in STUBBED:
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec):
        return _Anything(spec.name)

    def exec_module(self, module):
        module.__path__ = []


sys.meta_path.append(_StandIn())
