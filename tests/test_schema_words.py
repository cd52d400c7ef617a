"""One translator of JSON Schema errors (dpaper.schema_words) for config.yaml and front matter alike."""
from __future__ import annotations

from dpaper.schema_words import problems

SCHEMA = {"type": "object", "additionalProperties": False, "required": ["title"],
          "properties": {"title": {"type": "string", "minLength": 1},
                         "level": {"enum": ["draft", "final"]},
                         "pages": {"type": "integer", "maximum": 500},
                         "tags": {"type": "array", "uniqueItems": True}}}


def test_one_problem_per_key_in_plain_words():
    found = problems({"level": "beta", "pages": 900, "tags": ["a", "a"], "colour": "red"}, SCHEMA)
    assert [(p.key, p.rule, p.expected) for p in found] == [
        ("colour", "unknown", ""),
        ("level", "enum", "one of draft, final"),
        ("pages", "maximum", "at most 500"),
        ("tags", "uniqueItems", "each item once"),
        ("title", "missing", ""),
    ]
    assert found[0].known == ("title", "level", "pages", "tags")


def test_callers_choose_their_words():
    (p,) = problems({"title": ["x"]}, SCHEMA, {"string": "a line of text"})
    assert (p.key, p.expected, p.found) == ("title", "a line of text", ["x"])
    (p,) = problems(["not", "a", "mapping"], SCHEMA)
    assert (p.key, p.expected) == ("(top level)", "a mapping of keys")
