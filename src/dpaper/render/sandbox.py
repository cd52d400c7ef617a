"""The manuscript's Jinja2 runs in a sandbox: data and our functions in, nothing of Python out.

A manuscript is text that editors write, so its Jinja must not reach Python:
no `__globals__`, `__class__` or `__subclasses__` (Jinja's
`ImmutableSandboxedEnvironment` refuses attributes that start with `_` and
changes to lists and dicts), no `str.format` (it reads attributes too), no
Jinja globals (`range`, `lipsum`, `cycler`, `joiner`, `namespace`, `dict`:
the manuscript uses none), only the filters a manuscript needs, and calls
only of our own functions and data look-ups, Jinja's `caller()` and
`loop.cycle()`, and a few plain methods of text and mappings. What would read
another file, build a template out of parts or recurse (`include`, `import`,
`extends`, `macro`, `block`, a recursive `for`), switch escaping off
(`autoescape`) or write to an object (`{% set x.y = … %}`) is refused when the
file is parsed, with its line.

Work is bounded too: `*`, `+` and `**` refuse results over `MAX_ITEMS`
items or `MAX_BITS` bits, `join` and `replace` texts over `MAX_ITEMS`
characters, `%` formats no text (`"%*d" % (10**9, 1)`); the render as a whole
stops after `pipeline.RENDER_SECONDS`. Intercepted operators are never
folded when the file is compiled, so the bounds hold for constants too.

Every refusal is a `SecurityError` (or a syntax error) whose message ends
"(not allowed in the manuscript)"; the pipeline adds the file and line.
"""
from __future__ import annotations

import inspect
import math
import types
from collections.abc import Iterable
from decimal import Decimal

from jinja2 import nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.filters import FILTERS
from jinja2.runtime import LoopContext, Macro, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, is_internal_attribute, modifies_known_mutable

from dpaper.errors import BuildError

NOT_ALLOWED = "(not allowed in the manuscript)"
MAX_ITEMS = 100_000          # characters of a text, items of a list, built by one operation
MAX_BITS = 4096              # of a whole number built by `**`

# Jinja's filters a manuscript may use (ours are added by environment.manuscript).
# Left out: `safe` (data must stay escaped), `format`, `center`, `indent`, `wordwrap`
# (text of any size), `random` (the same inputs must give the same paper), `attr`,
# `pprint`, `urlize`, `xmlattr`, `batch`, `slice`, `filesizeformat`.
FILTER_NAMES = ("abs", "capitalize", "count", "d", "default", "dictsort", "first", "float", "groupby", "int",
                "items", "join", "last", "length", "list", "lower", "map", "max", "min", "reject", "rejectattr",
                "replace", "reverse", "round", "select", "selectattr", "sort", "string", "striptags", "sum",
                "title", "tojson", "trim", "truncate", "unique", "upper", "wordcount")

# Methods of text, lists and mappings a manuscript may call: none builds anything large.
SAFE_METHODS = frozenset({
    "capitalize", "casefold", "count", "endswith", "find", "get", "index", "isalnum", "isalpha", "isdigit",
    "islower", "isspace", "istitle", "isupper", "items", "keys", "lower", "lstrip", "partition", "removeprefix",
    "removesuffix", "rfind", "rpartition", "rsplit", "rstrip", "split", "startswith", "strip", "swapcase",
    "title", "upper", "values"})

# Syntax-tree nodes refused when a manuscript is parsed, and how the message names them.
REFUSED = {nodes.Include: "{% include %}", nodes.Import: "{% import %}", nodes.FromImport: "{% from … import %}",
           nodes.Extends: "{% extends %}", nodes.Macro: "{% macro %}", nodes.Block: "{% block %}",
           nodes.ScopedEvalContextModifier: "{% autoescape %}", nodes.EvalContextModifier: "{% autoescape %}",
           nodes.NSRef: "an assignment to an attribute ({% set x.y = … %})"}


def describe(value) -> str:
    """A short description of a value for a message: its repr if it is plain, else its kind."""
    if value is None or isinstance(value, (str, int, float, Decimal, bool)):
        text = repr(value) if not isinstance(value, Decimal) else str(value)
        return text if len(text) <= 40 else text[:39] + "…'"
    return f"a {type(value).__name__}"


def _bounded(value):
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_ITEMS:
        raise SecurityError(f"expected texts and lists of at most {MAX_ITEMS:,} items, found one of "
                            f"{len(value):,} {NOT_ALLOWED}")
    return value


def _times(a, b):
    for seq, n in ((a, b), (b, a)):
        if isinstance(seq, (str, list, tuple)) and isinstance(n, int):
            if len(seq) * max(n, 0) > MAX_ITEMS:
                raise SecurityError(f"expected texts and lists of at most {MAX_ITEMS:,} items, found one of "
                                    f"{len(seq) * n:,} {NOT_ALLOWED}")
    return a * b


def _power(a, b):
    if isinstance(a, int) and isinstance(b, int) and abs(a) > 1 and b > 0 and b * math.log2(abs(a)) > MAX_BITS:
        raise SecurityError(f"expected numbers of at most {MAX_BITS} bits, found {a}**{b} {NOT_ALLOWED}")
    return a ** b


def _modulo(a, b):
    if isinstance(a, str):
        raise SecurityError(f"%: expected arithmetic, found string formatting {NOT_ALLOWED}")
    return a % b


def _plus(a, b):
    return _bounded(a + b)


def _join(env, value, d="", attribute=None):
    if not isinstance(value, Iterable) or isinstance(value, Undefined):
        return FILTERS["join"](env, value, d, attribute)     # Jinja's own error
    value = list(value)     # a generator (map, select ...) is read once: measure and join the same items
    items = [str(v) for v in (value if attribute is None else (env.getattr(v, attribute) for v in value))]
    if sum(map(len, items)) + len(d) * max(len(items) - 1, 0) > MAX_ITEMS:
        raise SecurityError(f"join: expected a text of at most {MAX_ITEMS:,} characters, found a longer one "
                            f"{NOT_ALLOWED}")
    return FILTERS["join"](env, value, d, attribute)


def _replace(eval_ctx, s, old, new, count=None):
    s, old, new = str(s), str(old), str(new)
    hits = s.count(old) if old else len(s) + 1
    if count is not None:
        hits = min(hits, int(count))
    if len(s) + hits * (len(new) - len(old)) > MAX_ITEMS:
        raise SecurityError(f"replace: expected a text of at most {MAX_ITEMS:,} characters, found a longer one "
                            f"{NOT_ALLOWED}")
    return FILTERS["replace"](eval_ctx, s, old, new, count)


_join.jinja_pass_arg = FILTERS["join"].jinja_pass_arg            # type: ignore[attr-defined]
_replace.jinja_pass_arg = FILTERS["replace"].jinja_pass_arg      # type: ignore[attr-defined]


def _owner(obj) -> str:
    """The module whose code a call of `obj` runs."""
    target = getattr(obj, "__self__", None) if isinstance(obj, (types.MethodType, types.BuiltinMethodType)) else None
    if target is not None and not isinstance(target, types.ModuleType):
        return (target if isinstance(target, type) else type(target)).__module__ or ""
    return getattr(obj, "__module__", None) or type(obj).__module__ or ""


def check_arguments(fn, args: tuple, kwargs: dict) -> None:
    """A manuscript's call of one of our functions: every argument known, none missing, text where text is due."""
    name = getattr(fn, "__name__", "function")
    try:
        sig = inspect.signature(fn, eval_str=True)
    except Exception:          # no signature, or annotations that name what is not imported: Python checks
        return
    params = sig.parameters
    var_kw = any(p.kind is p.VAR_KEYWORD for p in params.values())
    named = [p.name for p in params.values() if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
             and p.name != "caller"]
    for key in kwargs:
        if key not in params and not var_kw or key in params and params[key].kind is params[key].VAR_POSITIONAL:
            if key == "caller":
                raise BuildError(f"{name}(): expected {{{{ {name}(…) }}}}, found a {{% call %}} block")
            raise BuildError(f"{name}(): unknown argument {key}=: expected one of {', '.join(named) or 'none'}")
    try:
        bound = sig.bind(*args, **kwargs)
    except TypeError:
        positional = [p for p in params.values() if p.kind is p.POSITIONAL_OR_KEYWORD]
        if not any(p.kind is p.VAR_POSITIONAL for p in params.values()) and len(args) > len(positional):
            raise BuildError(f"{name}(): expected at most {len(positional)} arguments, found {len(args)}") from None
        missing = [p.name for i, p in enumerate(positional) if i >= len(args) and p.default is p.empty
                   and p.name not in kwargs]
        missing += [p.name for p in params.values() if p.kind is p.KEYWORD_ONLY and p.default is p.empty
                    and p.name not in kwargs]
        raise BuildError(f"{name}(): expected a {missing[0]}= argument, found none" if missing
                         else f"{name}(): expected other arguments, found these") from None
    for pname, value in bound.arguments.items():
        p = params[pname]
        if p.annotation is p.empty:
            continue
        values = value if p.kind is p.VAR_POSITIONAL else (value,)
        optional = p.annotation == (str | None)
        if p.annotation is str or optional:
            for v in values:
                if not (isinstance(v, str) or optional and v is None):
                    raise BuildError(f"{name}(): {pname}: expected text in quotes, found {describe(v)}")


class ManuscriptSandbox(ImmutableSandboxedEnvironment):
    """The environment every manuscript file is parsed and rendered in."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.globals.clear()
        self.filters = {name: FILTERS[name] for name in FILTER_NAMES}
        self.filters.update(join=_join, replace=_replace)
        self.binop_table.update({"*": _times, "**": _power, "+": _plus, "%": _modulo})

    # -- what is refused when a file is parsed ---------------------------------
    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        for node in tree.find_all((*REFUSED, nodes.For)):
            if isinstance(node, nodes.For) and not node.recursive:
                continue
            what = "a recursive {% for %}" if isinstance(node, nodes.For) else REFUSED[type(node)]
            raise TemplateSyntaxError(f"expected text, data and the manuscript's functions, found {what} "
                                      f"{NOT_ALLOWED}", node.lineno, name, filename)
        return tree

    # -- attributes --------------------------------------------------------------
    def is_safe_attribute(self, obj, attr, value) -> bool:
        if isinstance(obj, str) and attr in ("format", "format_map"):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def wrap_str_format(self, value):
        return None     # str.format is refused outright (is_safe_attribute)

    def unsafe_undefined(self, obj, attribute):
        if isinstance(obj, Undefined):
            return obj                  # an unknown name: say so, not what was asked of it
        if attribute.startswith("_") or is_internal_attribute(obj, attribute):
            hint = (f"access to {attribute!r}: expected data and the manuscript's functions, found Python "
                    f"internals {NOT_ALLOWED}")
        elif modifies_known_mutable(obj, attribute):
            hint = f"{attribute}(): expected data left as it is, found a change to a {type(obj).__name__} {NOT_ALLOWED}"
        else:
            hint = f"{attribute}(): expected text as written, found string formatting {NOT_ALLOWED}"
        return self.undefined(hint, name=attribute, obj=obj, exc=SecurityError)

    # -- calls -------------------------------------------------------------------
    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        owner = _owner(__obj)
        name = getattr(__obj, "__name__", type(__obj).__name__)
        if isinstance(__obj, (Macro, Undefined)) or isinstance(getattr(__obj, "__self__", None), LoopContext):
            pass                      # caller() of a {% call %} block, loop.cycle(); an unknown name raises
        elif owner == "dpaper" or owner.startswith("dpaper."):
            if isinstance(getattr(__obj, "__self__", None), type) or isinstance(__obj, type):
                raise SecurityError(f"{name}(): expected the manuscript's functions and data look-ups, found a "
                                    f"constructor {NOT_ALLOWED}")
            # Jinja adds its own _loop_vars / _block_vars to a call inside a {% for %} or a block, and
            # Context.call takes them off again: they are not the manuscript's arguments
            check_arguments(__obj, args, {k: v for k, v in kwargs.items() if k not in ("_loop_vars", "_block_vars")})
        elif name in SAFE_METHODS and isinstance(getattr(__obj, "__self__", None), (str, dict, list, tuple)):
            pass
        else:
            raise SecurityError(f"{name}(): expected the manuscript's functions and data look-ups, found a call "
                                f"of Python's {name} {NOT_ALLOWED}")
        return super().call(__context, __obj, *args, **kwargs)
