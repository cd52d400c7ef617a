"""Every YAML file the build reads, read one way: data only, each key once, bounded in size.

Editors' YAML (config.yaml, references.yaml, notes.yaml, a chapter's front
matter) and the schemas are plain data, so what YAML could do beyond that is
refused, each with one line naming the file and line:

- anchors and aliases (`&a`, `*a`): nobody needs them to write a list of
  references, and nested aliases ("billion laughs") make a few lines expand
  into billions of values;
- tags of any kind (`!!python/object/apply`, `!!binary`, `!custom`): a value
  is what it says, never an instruction to build something;
- a key given twice in one mapping (YAML keeps the last silently);
- a file over `limits.YAML_BYTES`, and nesting deeper than `limits.YAML_DEPTH`.

Whatever passes is loaded by PyYAML's safe loader.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

from dpaper import limits
from dpaper.errors import BuildError, read_text, where

PLAIN = "expected plain YAML"


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing aliases, tags, repeated keys and deep nesting as it composes."""

    path: str = ""
    offset: int = 0          # lines of the file before the YAML text (a front matter's '---')

    def _at(self, mark) -> str:
        return where(self.path, mark.line + 1 + self.offset)

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise BuildError(f"{self._at(event.start_mark)}: {PLAIN}, found the alias *{event.anchor} "
                             "(anchors and aliases are not allowed: write the value out)")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            tag = tag.replace("tag:yaml.org,2002:", "!!")   # as it is typed
            raise BuildError(f"{self._at(event.start_mark)}: {PLAIN}, found the tag {tag} "
                             "(tags are not allowed: a value is text, a number, a list or a mapping)")
        if getattr(event, "anchor", None) is not None:
            raise BuildError(f"{self._at(event.start_mark)}: {PLAIN}, found the anchor &{event.anchor} "
                             "(anchors and aliases are not allowed: write the value out)")
        self.depth = getattr(self, "depth", 0) + 1
        if self.depth > limits.YAML_DEPTH:
            raise BuildError(f"{self._at(event.start_mark)}: {PLAIN} nested at most {limits.YAML_DEPTH} "
                             "levels deep, found deeper nesting")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = self.construct_object(key_node)
                    try:
                        first = seen.setdefault(key, key_node.start_mark.line)
                    except TypeError:
                        continue    # an unhashable key: the safe loader says so
                    if first != key_node.start_mark.line:
                        raise BuildError(f"{self._at(key_node.start_mark)}: expected each key once, found "
                                         f"{key!r} again (first at line {first + 1 + self.offset})")
        return super().construct_mapping(node, deep)


def loads(text: str, path: str | Path, offset: int = 0):
    """The data of YAML `text` read from `path` (its first line is the file's line `offset` + 1).

    Raises BuildError for what the module refuses; PyYAML's own errors (yaml.YAMLError) pass
    through, for each caller to word as its file needs."""
    return loads_with_nodes(text, path, offset)[0]


def loads_with_nodes(text: str, path: str | Path, offset: int = 0):
    """(data, node): what `loads` gives, and the YAML node it was built from (None for an empty
    document), whose marks give the line of every value."""
    size = len(text.encode("utf-8"))
    if size > limits.YAML_BYTES:
        raise BuildError(f"{where(path)}: expected at most {limits.YAML_BYTES:,} bytes of YAML, found {size:,}")
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:    # a character YAML does not allow: said as our data are
        line = text.count("\n", 0, exc.position) + 1 + offset
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        what = "the control character" if unicodedata.category(char) == "Cc" else "the character"
        raise BuildError(f"{where(path, line)}: expected printable text, found {what} U+{ord(char):04X}") from None
    loader.path, loader.offset = str(path), offset
    try:
        node = loader.get_single_node()
        return (None if node is None else loader.construct_document(node)), node
    except RecursionError:
        raise BuildError(f"{where(path)}: {PLAIN} nested at most {limits.YAML_DEPTH} levels deep, "
                         "found deeper nesting") from None
    finally:
        loader.dispose()


def load(path: str | Path):
    """The data of the YAML file `path` (see `loads`); FileNotFoundError and yaml.YAMLError pass through."""
    return load_with_nodes(path)[0]


def load_with_nodes(path: str | Path):
    """(data, node) of the YAML file `path` (see `loads_with_nodes`); a file over the limit is not read."""
    path = Path(path)
    if path.is_file() and path.stat().st_size > limits.YAML_BYTES:
        raise BuildError(f"{where(path)}: expected at most {limits.YAML_BYTES:,} bytes of YAML, "
                         f"found {path.stat().st_size:,}")
    return loads_with_nodes(read_text(path), path)


def problem(exc: yaml.YAMLError) -> str:
    """What a PyYAML error says, on one line."""
    text = getattr(exc, "problem", None) or str(exc)
    return " ".join(text.split())


def error_line(exc: yaml.YAMLError, offset: int = 0) -> int | None:
    """The file's line a PyYAML error points at, if it says."""
    mark = getattr(exc, "problem_mark", None)
    return None if mark is None else mark.line + 1 + offset
