"""Item models: ``QAbstractTableModel`` s over plain row objects, sorted in Python.

No ``QSortFilterProxyModel``: at 10k rows it calls ``data()`` millions of times. Models
keep their rows in a list, sort that list with a precomputed key, and filter against a
prebuilt lower-case search text.
"""

from interview_kit.gui.models.table import Column, RowTableModel

__all__ = ["Column", "RowTableModel"]
