"""The one type for "a rule said no": every refusal of the domain's rules subclasses it.

A refusal is final for the change asked (approved minutes stay locked, a period ending before
it starts stays wrong): retrying cannot help, so a caller may drop the change and show the
message, which is written for the user. Anything else that goes wrong while saving (a full
disk, a lock, a programming error) is *not* a refusal, and what the user typed must be kept.

It derives from ValueError so that code written before the family existed, which catches
ValueError around a rule, still catches it; new code catches RuleRefused.
"""

from __future__ import annotations


class RuleRefused(ValueError):
    """A change the record's rules do not allow; the message is meant for the user."""
