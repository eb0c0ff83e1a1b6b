"""Interview Kit: structured, offline-first interview panels for hiring Builders."""

__version__ = "0.1.0"
