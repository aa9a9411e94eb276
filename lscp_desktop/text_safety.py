"""Making text pasted from anywhere safe to put in a Word or PDF file, visibly.

XML 1.0 (and so .docx) cannot hold most C0 control characters, lone surrogates or U+FFFE/FFFF;
lxml refuses them outright. Rather than dropping them silently we replace each with a visible
marker, so a reader can see that something was there. Bidirectional override and isolate
characters can make text read differently from how it is stored (a "Trojan Source" trick), so
they are flagged visibly too. Emoji and every script pass through untouched.
"""

from __future__ import annotations

import re

# Direction controls: LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Everything XML 1.0 cannot hold, plus the bidi controls, in one pass.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)


def _marker(match: re.Match[str]) -> str:
    char = match.group()
    code = f"U+{ord(char):04X}"
    if char in BIDI_CONTROLS:
        return f"[direction control {code}]"
    return f"[{code}]"


def safe_text(text: str | None) -> str:
    """`text` with line endings normalised and unsafe characters replaced by visible markers."""
    if not text:
        return ""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub(_marker, text)


def has_bidi_controls(text: str) -> bool:
    return any(char in BIDI_CONTROLS for char in text)


def direction_controls_refusal(what: str, text: str) -> str | None:
    """Why `text` cannot be a pseudonym or case reference, or None. These are matched, sorted
    and shown as identifiers, where a hidden direction control could make two look alike
    or one read backwards; in free text they are kept and flagged instead (safe_text)."""
    if has_bidi_controls(text):
        return f"{what} must not contain direction control characters (U+202A-E, U+2066-9)."
    return None
