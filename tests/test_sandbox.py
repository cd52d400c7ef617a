"""The manuscript's Jinja runs in a sandbox: each known escape and trick stops the render with its exact line.

A corpus like tests/corpus/, for the manuscript: each case is one line of a
chapter (the file's line 4, after three lines of front matter) and the one
error it must give, the file named as `ch.md`.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from test_render import NRW, render_one

from dpaper.errors import BuildError

NOT = "(not allowed in the manuscript)"
INTERNALS = "expected data and the manuscript's functions, found Python internals " + NOT
REFUSED = "expected text, data and the manuscript's functions, found {} " + NOT
BIG = "expected texts and lists of at most 100,000 items, found one of 1,000,000,000 " + NOT
FILTERS = ("abs, capitalize, count, d, date, default, dictsort, first, float, groupby, int, items, join, last, length, "
           "list, lower, map, max, min, num, pct, reject, rejectattr, replace, reverse, round, select, selectattr, "
           "sort, spell, string, striptags, sum, title, tojson, trim, truncate, unique, upper, wordcount")

CASES = [
    # code from the manuscript: Jinja's globals are gone, Python's internals are out of reach
    ("lipsum-globals", '{{ lipsum.__globals__.__builtins__.open("/etc/hostname").read() }}',
     "ch.md:4: unknown name: 'lipsum' is undefined"),
    ("function-globals", '{{ fact.__globals__.__builtins__.open("/etc/hostname").read() }}',
     f"ch.md:4: access to '__globals__': {INTERNALS}"),
    ("str-class-mro", "{{ ''.__class__.__mro__[1].__subclasses__() }}", f"ch.md:4: access to '__class__': {INTERNALS}"),
    ("subclasses", "{{ ref.__class__.__subclasses__() }}", f"ch.md:4: access to '__class__': {INTERNALS}"),
    ("method-self", "{{ table.__self__.ctx }}", f"ch.md:4: access to '__self__': {INTERNALS}"),
    ("data-internals", "{{ data._datasets }}", f"ch.md:4: access to '_datasets': {INTERNALS}"),
    ("cycler-init-globals", "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
     "ch.md:4: unknown name: 'cycler' is undefined"),
    ("joiner", "{{ joiner() }}", "ch.md:4: unknown name: 'joiner' is undefined"),
    ("namespace", "{% set ns = namespace(x=1) %}{{ ns.x }}", "ch.md:4: unknown name: 'namespace' is undefined"),
    ("dict", "{{ dict(a=1) }}", "ch.md:4: unknown name: 'dict' is undefined"),
    ("range", "{{ range(10**9) | list }}", "ch.md:4: unknown name: 'range' is undefined"),
    ("format-attribute", '{{ "{0.__class__.__init__.__globals__}".format(fact) }}',
     f"ch.md:4: format(): expected text as written, found string formatting {NOT}"),
    ("format-width", '{{ "{:>999999999}".format(1) }}',
     f"ch.md:4: format(): expected text as written, found string formatting {NOT}"),
    ("format-map", '{{ "{a}".format_map({"a": 1}) }}',
     f"ch.md:4: format_map(): expected text as written, found string formatting {NOT}"),
    ("percent-format", '{{ "%*d" % (999999999, 1) }}',
     f"ch.md:4: %: expected arithmetic, found string formatting {NOT}"),
    ("classmethod", '{{ fact.__func__ }}', f"ch.md:4: access to '__func__': {INTERNALS}"),
    ("python-method", '{{ "x".center(10**9) }}',
     "ch.md:4: center(): expected the manuscript's functions and data look-ups, found a call of Python's "
     f"center {NOT}"),
    # writes
    ("set-attribute", "{% set fact.x = 1 %}", "ch.md:4: " + REFUSED.format("an assignment to an attribute "
                                                                              "({% set x.y = … %})")),
    ("list-append", "{% set xs = [1] %}{{ xs.append(2) }}",
     f"ch.md:4: append(): expected data left as it is, found a change to a list {NOT}"),
    ("dict-update", "{% set d = {} %}{{ d.update(a=1) }}",
     f"ch.md:4: update(): expected data left as it is, found a change to a dict {NOT}"),
    # what would read other files, build templates of parts or switch escaping off
    ("include-self", '{% include "ch" %}', "ch.md:4: " + REFUSED.format("{% include %}")),
    ("import", '{% import "ch" as x %}', "ch.md:4: " + REFUSED.format("{% import %}")),
    ("from-import", '{% from "ch" import x %}', "ch.md:4: " + REFUSED.format("{% from … import %}")),
    ("extends", '{% extends "ch" %}', "ch.md:4: " + REFUSED.format("{% extends %}")),
    ("macro", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "ch.md:4: " + REFUSED.format("{% macro %}")),
    ("block", "{% block a %}{{ self.a() }}{% endblock %}", "ch.md:4: " + REFUSED.format("{% block %}")),
    ("recursive-loop", "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
     "ch.md:4: " + REFUSED.format("a recursive {% for %}")),
    ("autoescape", "{% autoescape false %}{{ '<script>' }}{% endautoescape %}",
     "ch.md:4: " + REFUSED.format("{% autoescape %}")),
    ("safe-filter", "{{ '<script>' | safe }}", f"ch.md:4: unknown filter 'safe': expected one of {FILTERS}"),
    # resources
    ("text-times", '{{ "x" * 10**9 }}', f"ch.md:4: {BIG}"),
    ("list-times", "{{ [0] * 10**9 }}", f"ch.md:4: {BIG}"),
    ("power", "{{ 9 ** 99999 }}", f"ch.md:4: expected numbers of at most 4096 bits, found 9**99999 {NOT}"),
    ("replace-growth", '{{ "ab" | replace("", "x" * 1000) | replace("", "y" * 1000) }}',
     f"ch.md:4: replace: expected a text of at most 100,000 characters, found a longer one {NOT}"),
    ("join-growth", '{{ (["x" * 100000] * 2) | join }}',
     f"ch.md:4: join: expected a text of at most 100,000 characters, found a longer one {NOT}"),
    ("random", "{{ [1, 2] | random }}", f"ch.md:4: unknown filter 'random': expected one of {FILTERS}"),
    # no bare tracebacks: the manuscript's functions, filters and expressions
    ("table-no-caption", '{{ table("nrw-asean") }}',
     "ch.md:4: table(): expected a caption= argument or a caption in tables/phnom_penh.py, found none"),
    ("figure-unknown-argument", '{{ figure("nrw-cambodia", caption="c", colour="red") }}',
     "ch.md:4: figure(): unknown argument colour=: expected one of ident, caption, source, cite, image, alt, note"),
    ("table-too-many", '{{ table("nrw-asean", "c", "n", "s", "k", "x") }}',
     "ch.md:4: table(): expected at most 5 arguments, found 6"),
    ("table-as-call-block", '{% call table("nrw-asean", caption="c") %}x{% endcall %}',
     "ch.md:4: table(): expected {{ table(…) }}, found a {% call %} block"),
    ("ref-number", "{{ ref(42) }}", "ch.md:4: ref(): label: expected text in quotes, found 42"),
    ("pageref-none", "{{ pageref(none) }}", "ch.md:4: pageref(): label: expected text in quotes, found None"),
    ("cite-number", "{{ cite('adb2012', 7) }}", "ch.md:4: cite(): keys: expected text in quotes, found 7"),
    ("cite-argument", '{{ table("nrw-asean", caption="c", cite=5) }}',
     "ch.md:4: cite=: expected a key in quotes or a list of them, found 5"),
    ("caption-list", '{{ figure("nrw-cambodia", caption=["c"]) }}',
     "ch.md:4: figure(): caption: expected text in quotes, found a list"),
    ("note-none", "{{ note(none) }}", "ch.md:4: note(): text: expected text in quotes, found None"),
    ("fact-number", "{{ fact(1) }}", "ch.md:4: fact(): key: expected text in quotes, found 1"),
    ("filter-in-box", '{% call box("k", title="t") %}{{ "x" | nope }}{% endcall %}',
     f"ch.md:4: unknown filter 'nope': expected one of {FILTERS}"),
    ("filter-block-in-box", '{% call box("k", title="t") %}{% filter nope %}x{% endfilter %}{% endcall %}',
     f"ch.md:4: unknown filter 'nope': expected one of {FILTERS}"),
    ("filter-in-if", '{% call box("k", title="t") %}{% if true %}{{ "x" | nope }}{% endif %}{% endcall %}',
     f"ch.md:4: unknown filter 'nope': expected one of {FILTERS}"),
    ("pct-of-text", '{{ "abc" | pct }}', "ch.md:4: | pct: expected a number, found 'abc'"),
    ("spell-of-text", '{{ "two" | spell }}', "ch.md:4: | spell: expected a whole number, found 'two'"),
    ("division-by-zero", "{{ 1 / 0 }}",
     "ch.md:4: expected an expression that can be worked out, found ZeroDivisionError (division by zero)"),
    ("text-minus-number", '{{ "a" - 1 }}', "ch.md:4: expected an expression that can be worked out, found TypeError "
                                           "(unsupported operand type(s) for -: 'str' and 'int')"),
    ("nested-too-deep", "{{ " + "(" * 2000 + "1" + ")" * 2000 + " }}",
     "ch.md: expected expressions nested a few levels deep, found them nested too deeply to read"),
]


def problems(tmp_path: Path, body: str) -> list[str]:
    with pytest.raises(BuildError) as exc:
        render_one(tmp_path, body + "\n", NRW)
    return [p.replace(f"{tmp_path}/", "") for p in exc.value.problems]


@pytest.mark.parametrize("body, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_escape_and_trick_stops_the_render_with_its_line(tmp_path, body, expected):
    assert problems(tmp_path, body) == [expected]


def test_the_file_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the contents of a file that is not ours", encoding="utf-8")
    for body in (f'{{{{ lipsum.__globals__.__builtins__.open("{secret}").read() }}}}',
                 f'{{{{ fact.__globals__.__builtins__.open("{secret}").read() }}}}',
                 '{{ "{0.__globals__}".format(fact) }}'):
        assert all("contents" not in p for p in problems(tmp_path, body))


def test_a_loop_that_runs_too_long_is_stopped_at_its_line(tmp_path, monkeypatch):
    from dpaper.render import pipeline
    monkeypatch.setattr(pipeline, "RENDER_SECONDS", 0.5)
    body = ('Text.\n{% set xs = [0] * 100000 %}\n{% for a in xs %}{% for b in xs %}{% for c in xs %}'
            '{% endfor %}{% endfor %}{% endfor %}')
    got = problems(tmp_path, body)
    assert got == ["ch.md:6: expected the manuscript to render within 0.5 s, found it still running "
                   "(a loop too large?)"]


def test_what_the_manuscript_uses_still_works(tmp_path):
    """Data look-ups, our objects' attributes, the filters and tests the shipped manuscript uses."""
    body = ('{%- set pp = data.nrw_asean.one(city="Phnom Penh") %}'
            '{%- set cities = data.nrw_asean.column("city") | unique | list %}'
            '{%- set low = data.nrw_asean.rows | selectattr("nrw_percent", "lt", 10) | map(attribute="city") | list %}'
            '{%- set best = data.nrw_asean.where(year=2008) | sort(attribute="nrw_percent") | first %}'
            '{{ pp.nrw_percent | pct }} {{ cities | length | spell }} {{ low | join(" and ") }} {{ best.city }}'
            ' {{ "below" if pp.nrw_percent < 10 else "above" }} {{ "2003–2006" | replace("–", " to ") }}'
            ' {{ "a b".split() | join("+") | upper }}{% for k, t in [("x", "X")] %} {{ loop.index }}{{ t }}{% endfor %}'
            '\n\n{% call box("k", title="T") %}In a box.{% endcall %}')
    html, _ = render_one(tmp_path, body + "\n", NRW)
    assert "<p>6.2% two Phnom Penh Phnom Penh below 2003 to 2006 A+B 1X</p>" in html
    assert "In a box." in html
