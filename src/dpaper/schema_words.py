"""JSON Schema errors in the project's words: one translator for every YAML input checked by a schema.

jsonschema reports one error per broken keyword; an editor needs one problem
per key: a missing key, a key the schema does not know, or a value that is
not what the key expects. `problems()` turns the errors into those, with
what was expected in plain words; each caller (config.yaml, a manuscript's
front matter) adds where the problem is and its own wording around it.
"""
from __future__ import annotations

from dataclasses import dataclass

TYPE_WORDS = {"string": "text", "array": "a list", "object": "a mapping of keys", "boolean": "true or false",
              "integer": "a whole number", "number": "a number"}


@dataclass(frozen=True)
class Problem:
    path: tuple          # keys down to the value at fault; for a missing or unknown key, that key last
    rule: str            # "missing", "unknown", or the JSON Schema keyword broken ("type", "enum" …)
    expected: str = ""   # in words, for a value; empty for missing and unknown keys
    found: object = None  # the value at fault
    known: tuple = ()    # for "unknown": the keys the schema knows there

    @property
    def key(self) -> str:
        """The key path as an editor writes it (`contents.chapters.2`), or '(top level)'."""
        return ".".join(map(str, self.path)) or "(top level)"


def problems(instance, schema: dict, words: dict | None = None) -> list[Problem]:
    """Every way `instance` breaks `schema`, one Problem per key, in the order of their key paths.

    `words` overrides TYPE_WORDS (and may name a keyword such as "oneOf" for a caller's own phrase)."""
    from jsonschema import Draft202012Validator
    words = TYPE_WORDS | (words or {})
    out = []
    for err in Draft202012Validator(schema).iter_errors(instance):
        path, want, found = tuple(err.path), err.validator_value, err.instance
        if err.validator == "required":
            out += [Problem(path + (k,), "missing") for k in want if k not in found]
        elif err.validator == "additionalProperties":
            known = tuple(err.schema.get("properties", {}))
            out += [Problem(path + (k,), "unknown", found=found[k], known=known)
                    for k in sorted(found, key=str) if k not in known]
        else:
            out.append(Problem(path, err.validator, _expected(err.validator, want, words), found))
    return sorted(out, key=lambda p: tuple(map(str, p.path)))


def _expected(rule: str, want, words: dict) -> str:
    if rule in words:
        return words[rule]
    if rule == "type":
        return " or ".join(words.get(w, str(w)) for w in (want if isinstance(want, list) else [want]))
    return {"pattern": f"text matching {want}",
            "enum": "one of " + ", ".join(map(str, want)) if isinstance(want, list) else "",
            "const": f"{want!r}",
            "minItems": f"at least {want} item(s)", "maxItems": f"at most {want} item(s)",
            "minLength": "some text" if want == 1 else f"at least {want} characters",
            "maxLength": f"at most {want} characters",
            "minimum": f"at least {want}", "maximum": f"at most {want}",
            "uniqueItems": "each item once"}.get(rule, f"a value meeting {rule} {want!r}")
