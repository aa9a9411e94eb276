"""Text echoed to a terminal without its control characters acting on it.

A file name can hold an escape sequence (clearing the screen, rewriting an earlier line) or a
bidi override (showing `gpj.exe` as `exe.jpg`): echoed raw in a message it would act instead
of being read. Each such character is shown as its escape, e.g. `\\x1b` or `\\u202e`.
"""

from __future__ import annotations

import re

# C0 controls except newline (messages may be several lines), DEL, C1, bidi controls.
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    return _CONTROLS.sub(lambda match: match.group().encode("unicode_escape").decode(), str(text))
