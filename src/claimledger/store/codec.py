"""Exact conversion between records and JSON-able values, for the store's JSON columns.

``to_dict`` turns a record (a dataclass from ``records.py``, possibly nested,
with tuples, enums and ``None``) into plain dicts, lists, strings and numbers;
``from_dict(cls, data)`` rebuilds the very same record from them, guided by
the class's type annotations. ``from_dict(cls, to_dict(x)) == x`` for every
record (floats included: JSON keeps their exact value; ``nan``/``inf`` pass
through ``json`` with ``allow_nan``).

Decoding is forgiving about the future and strict about the past: keys it does
not know are ignored (a newer writer may add fields), a missing key takes the
field's default, and a value of the wrong type raises ``StoreError`` (CL305)
rather than building a broken record.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, TypeVar

from ..errors import StoreError

T = TypeVar("T")

CODE_BAD_DATA = "CL305"


def to_dict(obj: Any) -> dict[str, Any]:
    """A record as a JSON-able dict (fields in declaration order)."""
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        raise TypeError(f"to_dict expects a dataclass instance, not {type(obj).__name__}")
    return {f.name: _encode(getattr(obj, f.name)) for f in _fields(type(obj))}


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, str):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _encode(item) for key, item in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot encode a {type(value).__name__} value")


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild a record of type ``cls`` from ``to_dict`` output.

    A decoder compiled once per type does the work (``_compiled``); when it meets a value it does
    not accept, the annotations are walked again (``_decode``) to say exactly where and what."""
    try:
        return typing.cast(T, _compiled(typing.cast(Any, cls))(data))
    except _Mismatch:
        return typing.cast(T, _decode(cls, data, cls.__name__))


class _Mismatch(Exception):
    """A compiled decoder met a value of the wrong type (``_decode`` then names it)."""


Decoder = Callable[[Any], Any]


@cache
def _compiled(tp: Any) -> Decoder:
    """A decoder for values of type ``tp`` that accepts and builds exactly what ``_decode`` does, with
    the type's annotations read once (not on every value); it raises ``_Mismatch`` where ``_decode``
    raises ``StoreError``."""
    if tp is Any:
        return lambda data: data
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        args = typing.get_args(tp)
        optional = type(None) in args
        options = [_compiled(arg) for arg in args if arg is not type(None)]

        def union(data: Any) -> Any:
            if data is None:
                if optional:
                    return None
                raise _Mismatch
            for option in options:  # first option that accepts the value
                try:
                    return option(data)
                except _Mismatch:
                    continue
            raise _Mismatch

        return union
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _compiled(args[0])

            def variadic(data: Any) -> Any:
                if not isinstance(data, list | tuple):
                    raise _Mismatch
                return tuple([item(value) for value in data])

            return variadic
        items = [_compiled(arg) for arg in args]

        def fixed(data: Any) -> Any:
            if not isinstance(data, list | tuple) or len(data) != len(items):
                raise _Mismatch
            return tuple([decode(value) for decode, value in zip(items, data, strict=True)])

        return fixed
    if origin is list:
        (arg,) = typing.get_args(tp)
        element = _compiled(arg)

        def listed(data: Any) -> Any:
            if not isinstance(data, list | tuple):
                raise _Mismatch
            return [element(value) for value in data]

        return listed
    if origin is dict:
        key_tp, value_tp = typing.get_args(tp)
        keys, values = _compiled(key_tp), _compiled(value_tp)

        def mapping(data: Any) -> Any:
            if not isinstance(data, Mapping):
                raise _Mismatch
            return {keys(key): values(value) for key, value in data.items()}

        return mapping
    if isinstance(tp, type):
        return _compiled_class(tp)
    return _refuse


def _compiled_class(tp: type) -> Decoder:
    if tp is bool:
        def boolean(data: Any) -> Any:
            if isinstance(data, bool):
                return data
            raise _Mismatch
        return boolean
    if tp is int:
        def whole(data: Any) -> Any:
            if isinstance(data, int) and not isinstance(data, bool):
                return data
            raise _Mismatch
        return whole
    if tp is float:
        def number(data: Any) -> Any:
            if isinstance(data, int | float) and not isinstance(data, bool):
                return float(data)
            raise _Mismatch
        return number
    if tp is str:
        def text(data: Any) -> Any:
            if isinstance(data, str):
                return data
            raise _Mismatch
        return text
    if tp is bytes:
        def hex_bytes(data: Any) -> Any:
            try:
                return bytes.fromhex(data)
            except (TypeError, ValueError):
                raise _Mismatch from None
        return hex_bytes
    if issubclass(tp, enum.Enum):
        def member(data: Any) -> Any:
            try:
                return tp(data)
            except (TypeError, ValueError):
                raise _Mismatch from None
        return member
    if dataclasses.is_dataclass(tp):
        # per field: name, decoder, required, and the classes of value kept as they are (``_kept``:
        # most values are, and skip a call). Filled on first use: a record may hold its own type.
        spec: list[tuple[str, Decoder, bool, tuple[type, ...]]] = []

        def record(data: Any) -> Any:
            if not isinstance(data, Mapping):
                raise _Mismatch
            if not spec:
                hints = _hints(tp)
                spec.extend((f.name, _compiled(hints[f.name]),
                             f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
                             _kept(hints[f.name]))
                            for f in _fields(tp))
            kwargs: dict[str, Any] = {}
            for name, decode, required, kept in spec:
                if name in data:
                    value = data[name]
                    kwargs[name] = value if value.__class__ in kept else decode(value)
                elif required:
                    raise _Mismatch
            return tp(**kwargs)

        return record
    return _refuse


def _kept(tp: Any) -> tuple[type, ...]:
    """The classes whose values a field of type ``tp`` keeps as they are (what its decoder would return
    unchanged): str, int, float and bool for themselves (an int is not kept for a float: it becomes
    one), None for an optional field."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp) if origin is typing.Union or origin is types.UnionType else (tp,)
    return tuple(arg for arg in args if arg in (str, int, float, bool, type(None)))


def _refuse(data: Any) -> Any:
    """The decoder of a type records do not use: ``_decode`` says what was found."""
    raise _Mismatch


@cache
def _fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    return dataclasses.fields(cls)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _bad(where: str, expected: str, data: Any) -> StoreError:
    shown = repr(data)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return StoreError(
        f"stored record data is damaged: {where} should be {expected}, found {shown}; "
        "re-run the command that wrote it (e.g. `claimledger extract --all`)",
        code=CODE_BAD_DATA,
    )


def _decode(tp: Any, data: Any, where: str) -> Any:
    if tp is Any:
        return data
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        args = typing.get_args(tp)
        if data is None:
            if type(None) in args:
                return None
            raise _bad(where, "a value", data)
        options = [arg for arg in args if arg is not type(None)]
        if len(options) == 1:
            return _decode(options[0], data, where)
        for option in options:  # first option that accepts the value
            try:
                return _decode(option, data, where)
            except StoreError:
                continue
        raise _bad(where, " or ".join(getattr(o, "__name__", str(o)) for o in options), data)
    if origin is tuple:
        args = typing.get_args(tp)
        if not isinstance(data, list | tuple):
            raise _bad(where, "a list", data)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item, f"{where}[{i}]") for i, item in enumerate(data))
        if len(args) != len(data):
            raise _bad(where, f"a list of {len(args)} items", data)
        return tuple(
            _decode(arg, item, f"{where}[{i}]") for i, (arg, item) in enumerate(zip(args, data, strict=True))
        )
    if origin is list:
        (arg,) = typing.get_args(tp)
        if not isinstance(data, list | tuple):
            raise _bad(where, "a list", data)
        return [_decode(arg, item, f"{where}[{i}]") for i, item in enumerate(data)]
    if origin is dict:
        key_tp, value_tp = typing.get_args(tp)
        if not isinstance(data, Mapping):
            raise _bad(where, "an object", data)
        return {
            _decode(key_tp, key, where): _decode(value_tp, value, f"{where}.{key}")
            for key, value in data.items()
        }
    if isinstance(tp, type):
        return _decode_class(tp, data, where)
    raise _bad(where, f"a {tp}", data)


def _decode_class(tp: type, data: Any, where: str) -> Any:
    if tp is bool:
        if isinstance(data, bool):
            return data
        raise _bad(where, "true or false", data)
    if tp is int:
        if isinstance(data, int) and not isinstance(data, bool):
            return data
        raise _bad(where, "a whole number", data)
    if tp is float:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return float(data)
        raise _bad(where, "a number", data)
    if tp is str:
        if isinstance(data, str):
            return data
        raise _bad(where, "a string", data)
    if tp is bytes:
        if isinstance(data, str):
            try:
                return bytes.fromhex(data)
            except ValueError:
                raise _bad(where, "hex bytes", data) from None
        raise _bad(where, "hex bytes", data)
    if issubclass(tp, enum.Enum):
        try:
            return tp(data)
        except ValueError:
            raise _bad(where, f"one of {[m.value for m in tp]}", data) from None
    if dataclasses.is_dataclass(tp):
        if not isinstance(data, Mapping):
            raise _bad(where, f"a {tp.__name__} object", data)
        hints = _hints(tp)
        kwargs: dict[str, Any] = {}
        for f in _fields(tp):
            if f.name in data:
                kwargs[f.name] = _decode(hints[f.name], data[f.name], f"{where}.{f.name}")
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise _bad(f"{where}.{f.name}", "present", None)
        return tp(**kwargs)
    raise _bad(where, f"a {tp.__name__}", data)
