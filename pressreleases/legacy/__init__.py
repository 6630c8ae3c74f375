"""The legacy-archive importer: pure parsing (parser.py) apart from saving (importer.py)."""

from .parser import LegacyBlock, LegacyContact, LegacyParseError, LegacyRelease, parse_legacy

__all__ = ["LegacyBlock", "LegacyContact", "LegacyParseError", "LegacyRelease", "parse_legacy"]
