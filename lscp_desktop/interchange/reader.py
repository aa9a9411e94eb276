"""Reading one JSON object field by field, every error naming its place in the file."""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Any, TypeVar

from lscp_desktop.interchange.document import (
    MAX_TEXT_BYTES,
    MAX_WHOLE_NUMBER,
    InterchangeError,
    outside_sane_range,
)

E = TypeVar("E", bound=enum.StrEnum)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MINUTE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__.replace("dict", "object")


class Reader:
    """A JSON object at `place` (e.g. `cases[2].meetings[0]`), read one field at a time.

    Fields not read by the end are reported by `finish()`: an import that silently dropped
    data it did not understand would not be lossless.
    """

    def __init__(self, value: Any, place: str, warnings: list[str]) -> None:
        if not isinstance(value, dict):
            raise InterchangeError(f"{place}: expected an object, found {_type_name(value)}")
        self._value: dict[str, Any] = value
        self._seen: set[str] = set()
        self.place = place
        self.warnings = warnings

    def at(self, key: str) -> str:
        return f"{self.place}.{key}" if self.place else key

    def fail(self, key: str, message: str) -> InterchangeError:
        return InterchangeError(f"{self.at(key)}: {message}")

    def raw(self, key: str) -> Any:
        self._seen.add(key)
        return self._value.get(key)

    def has(self, key: str) -> bool:
        return self._value.get(key) is not None

    def skip(self, *keys: str) -> None:
        """Fields that are known but deliberately not read (computed on export)."""
        self._seen.update(keys)

    def fields(self) -> list[str]:
        """Every field of the object, for a caller that checks them all itself."""
        return list(self._value)

    def finish(self) -> None:
        unknown = sorted(set(self._value) - self._seen)
        if unknown:
            names = ", ".join(unknown)
            raise InterchangeError(
                f"{self.place or 'document'}: unknown field(s) {names}; this version of "
                "LSCP Desktop cannot keep them, so nothing was imported"
            )

    # --- scalars -------------------------------------------------------------------------
    def text(self, key: str, *, required: bool = False) -> str:
        value = self.optional_text(key)
        if value is None:
            if required:
                raise self.fail(key, "is required")
            return ""
        if required and not value.strip():
            raise self.fail(key, "must not be empty")
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.raw(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(key, f"expected text, found {_type_name(value)}")
        if len(value) > MAX_TEXT_BYTES // 4 and len(value.encode("utf-8", "surrogatepass")) > (
            MAX_TEXT_BYTES
        ):
            raise self.fail(key, f"is {len(value):,} characters long; the limit is 5 MB of text")
        if _SURROGATE.search(value):
            # A lone surrogate cannot be stored as UTF-8 at all; everything else is kept as given.
            value = _SURROGATE.sub("\ufffd", value)
            self.warnings.append(
                f"{self.at(key)}: a character that cannot be stored (a lone surrogate) "
                "was replaced with U+FFFD"
            )
        return value

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, found {_type_name(value)}")
        return value

    def integer(self, key: str, *, minimum: int = 0, maximum: int = MAX_WHOLE_NUMBER) -> int:
        value = self.raw(key)
        if value is None:
            return minimum
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"expected a whole number, found {_type_name(value)}")
        if value < minimum:
            raise self.fail(key, f"must be at least {minimum}")
        if value > maximum:
            shown = f"{value:,}" if value < 10**20 else f"about 10^{len(str(value)) - 1}"
            raise self.fail(key, f"is {shown}; the most it can be is {maximum:,}")
        return value

    def enum(self, key: str, kind: type[E], default: E | None = None) -> E:
        value = self.optional_enum(key, kind)
        if value is None:
            if default is None:
                raise self.fail(key, "is required")
            return default
        return value

    def optional_enum(self, key: str, kind: type[E]) -> E | None:
        value = self.raw(key)
        if value is None:
            return None
        allowed = [member.value for member in kind]
        if not isinstance(value, str) or value not in allowed:
            raise self.fail(key, f"{value!r} is not one of {', '.join(allowed)}")
        return kind(value)

    def date(self, key: str) -> dt.date:
        value = self.optional_date(key)
        if value is None:
            raise self.fail(key, "is required (YYYY-MM-DD)")
        return value

    def optional_date(self, key: str) -> dt.date | None:
        value: dt.date | None = self._parse(key, _DATE, "YYYY-MM-DD", dt.date.fromisoformat)
        return value

    def minute(self, key: str) -> dt.datetime:
        value: dt.datetime | None = self._parse(
            key, _MINUTE, "YYYY-MM-DDTHH:MM", dt.datetime.fromisoformat
        )
        if value is None:
            raise self.fail(key, "is required (YYYY-MM-DDTHH:MM)")
        return value

    def optional_second(self, key: str) -> dt.datetime | None:
        value: dt.datetime | None = self._parse(
            key, _SECOND, "YYYY-MM-DDTHH:MM:SS", dt.datetime.fromisoformat
        )
        return value

    def _parse(self, key: str, shape: re.Pattern[str], form: str, parse: Any) -> Any:
        value = self.raw(key)
        if value is None:
            return None
        if not isinstance(value, str) or not shape.fullmatch(value):
            raise self.fail(key, f"{value!r} is not a date in the form {form}")
        try:
            parsed = parse(value)
        except ValueError:
            raise self.fail(key, f"{value!r} is not a real date") from None
        day = parsed.date() if isinstance(parsed, dt.datetime) else parsed
        if (refusal := outside_sane_range(day)) is not None:
            raise self.fail(key, refusal)
        return parsed

    # --- structures ----------------------------------------------------------------------
    def obj(self, key: str) -> Reader | None:
        value = self.raw(key)
        return None if value is None else Reader(value, self.at(key), self.warnings)

    def objects(self, key: str) -> list[Reader]:
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, found {_type_name(value)}")
        return [
            Reader(item, f"{self.at(key)}[{index}]", self.warnings)
            for index, item in enumerate(value)
        ]

    def strings(self, key: str) -> list[str]:
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, found {_type_name(value)}")
        result = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"{key}[{index}]", "expected a non-empty name")
            result.append(item)
        return result

    def enums(self, key: str, kind: type[E]) -> list[E]:
        allowed = [member.value for member in kind]
        result = []
        for index, item in enumerate(self.strings(key)):
            if item not in allowed:
                raise self.fail(f"{key}[{index}]", f"{item!r} is not one of {', '.join(allowed)}")
            result.append(kind(item))
        return result
