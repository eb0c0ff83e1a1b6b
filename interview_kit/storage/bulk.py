"""Bulk inserts: many rows of ready tuples, driver-level ``executemany``.

The one way large amounts of rows are written (the demo's tables, the recompute's
summaries). Values are exactly what SQLAlchemy would send: each column's own conversion
(JSON, for one) is applied here, and times are encoded by :func:`time_encoder`, which
gives a ``UtcDateTime`` column's text without SQLAlchemy's per-value cost. Going through
the ORM, or even Core with dictionaries, costs several times as much at 10k candidates.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Dialect, Table, text

from interview_kit.storage.models import ScorecardRow
from interview_kit.storage.tables import UtcDateTime

TimeEncoder = Callable[[datetime], Any]

TIMES_REMEMBERED = 50_000

_SAMPLE_TIMES = (
    datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
    datetime(2026, 3, 2, 9, 0, tzinfo=UTC) + timedelta(days=987, seconds=3661, microseconds=7),
)

ROWS_PER_STATEMENT = 50


def time_encoder(dialect: Dialect) -> TimeEncoder:
    """A time as the driver takes it: exactly what a ``UtcDateTime`` column sends.

    SQLAlchemy's own conversion costs microseconds a value, and the rows of 10k candidates
    hold 400k times. On SQLite the same text comes from ``isoformat``, remembered per
    value (rows written together share their hours). It is checked against SQLAlchemy's
    on sample values; any difference (another storage format) falls back to SQLAlchemy's.
    """
    column_type = table_of(ScorecardRow).c.created_at.type.dialect_impl(dialect)
    convert = column_type.bind_processor(dialect)
    exact: TimeEncoder = convert if convert is not None else _unchanged
    if dialect.name != "sqlite":
        return exact
    known: dict[datetime, str] = {}

    def encode(value: datetime) -> str:
        found = known.get(value)
        if found is None:
            if value.tzinfo is None or not 1000 <= value.year <= 9999:
                return str(exact(value))  # refused or shaped as SQLAlchemy does
            if len(known) >= TIMES_REMEMBERED:  # the next rows' hours are others
                known.clear()
            found = known[value] = value.astimezone(UTC).isoformat(" ", "microseconds")[:26]
        return found

    if all(encode(sample) == exact(sample) for sample in _SAMPLE_TIMES):
        return encode
    return exact


def _unchanged(value: datetime) -> datetime:
    return value


Columns = Mapping[str, tuple[type[Any], tuple[str, ...]]]
"""Per kind of row: its table's model and the columns, in the order the tuples hold them."""


class BulkInserter:
    """Inserts of ready tuples into the tables ``columns`` names, on ``connection`` (in
    its transaction). Times in the tuples are already encoded (:attr:`time`)."""

    def __init__(
        self, connection: Connection, columns: Columns, *, flat: frozenset[str] = frozenset()
    ) -> None:
        """``flat`` kinds come as one flat list of values and go in
        :data:`ROWS_PER_STATEMENT` rows to a statement: a row that runs an insert trigger
        (the immutability guards) sets it up once per statement (a quarter less time for
        scorecard children at 10k candidates; no gain for tables without such a trigger).
        Fewer, larger objects also travel between processes faster."""
        self.connection = connection
        self.dialect = connection.dialect
        self.time = time_encoder(self.dialect)
        self.marker = "?" if self.dialect.paramstyle == "qmark" else "%s"
        self.quote = self.dialect.identifier_preparer.quote
        self.statements: dict[str, tuple[str, list[tuple[int, Any]]]] = {}
        self.tables = frozenset(table_of(model).name for model, _names in columns.values())
        """The names of the tables these inserts fill."""
        self.flat_statements: dict[str, tuple[str, str, int]] = {}
        for kind, (model, names) in columns.items():
            table = table_of(model)
            listed = ", ".join(self.quote(column) for column in names)
            markers = ", ".join([self.marker] * len(names))
            # Our own table and column names, quoted; values go as parameters.
            head = f"INSERT INTO {self.quote(table.name)} ({listed}) VALUES "  # noqa: S608
            converters = self.converters(table, names)
            self.statements[kind] = (f"{head}({markers})", converters)
            if kind in flat:
                assert not converters, f"{kind} rows must need no conversion"
                self.flat_statements[kind] = (head, f"({markers})", len(names))

    def converters(self, table: Table, columns: Sequence[str]) -> list[tuple[int, Any]]:
        """Each column's conversion, but times: the rows hold them encoded already."""
        found = []
        for index, name in enumerate(columns):
            if isinstance(table.c[name].type, UtcDateTime):
                continue
            column_type = table.c[name].type.dialect_impl(self.dialect)
            convert = column_type.bind_processor(self.dialect)
            if convert is not None:
                found.append((index, convert))
        return found

    def add_statement(self, kind: str, sql: str, converters: list[tuple[int, Any]]) -> None:
        """Another statement run with :meth:`insert` (an UPDATE of many rows, say)."""
        self.statements[kind] = (sql, converters)

    def insert(self, kind: str, rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        sql, converters = self.statements[kind]
        if converters:
            converted = []
            for row in rows:
                values = list(row)
                for index, convert in converters:
                    values[index] = convert(values[index])
                converted.append(tuple(values))
            rows = converted
        self.connection.exec_driver_sql(sql, list(rows))

    def insert_flat(self, kind: str, flat: Sequence[Any]) -> None:
        """Rows given as one flat list of values, many rows to a statement."""
        head, row, width = self.flat_statements[kind]
        values = tuple(flat)
        step = width * ROWS_PER_STATEMENT
        whole = len(values) - len(values) % step
        if whole:
            statement = head + ", ".join([row] * ROWS_PER_STATEMENT)
            batches = [values[start : start + step] for start in range(0, whole, step)]
            self.connection.exec_driver_sql(statement, batches)
        if whole < len(values):
            statement = head + ", ".join([row] * ((len(values) - whole) // width))
            self.connection.exec_driver_sql(statement, [values[whole:]])

    def advance_sequences(self, models: Sequence[type[Any]]) -> None:
        """Explicit keys leave PostgreSQL's sequences behind; move them past the rows."""
        if self.dialect.name != "postgresql":
            return
        for model in models:
            name = table_of(model).name
            self.connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608
                    f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
                )
            )


def defers_foreign_keys(dialect: Dialect) -> bool:
    """Whether a transaction can hold its foreign key checks until the commit."""
    return dialect.name == "sqlite"


def defer_foreign_keys(connection: Connection) -> None:
    """Foreign keys checked at this transaction's commit (which still fails on any orphan),
    not per row; only where :func:`defers_foreign_keys`. Lasts as long as the transaction."""
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")


# Measured at 10k candidates and left out (the whole demo write is ~3.5 s of one process):
# - ``PRAGMA synchronous = OFF`` for a new file saves ~0.1 s (an fsync of the log and of
#   the file on commit), but can only be set outside a transaction, on the pooled
#   connection the load then happens to use, and a power cut right after the load could
#   then leave a damaged file instead of a complete one or none;
# - a rollback journal instead of the write-ahead log for a new file would write the
#   160 MB once instead of twice (log, then checkpoint: ~0.25 s), but switching needs
#   the file to itself while another process (the app) may hold it open;
# - a page cache larger than the file: no gain over the 128 MiB below.
@contextmanager
def large_cache(connection: Connection) -> Iterator[Connection]:
    """A bigger SQLite page cache while bulk-loading: fewer index pages re-read."""
    if connection.dialect.name != "sqlite":
        yield connection
        return
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql("PRAGMA cache_size = -131072")
    try:
        yield connection
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous or -2000)}")


@contextmanager
def indexes_set_aside(connection: Connection, tables: Iterable[str]) -> Iterator[None]:
    """On SQLite, the plain secondary indexes of ``tables`` left out while a bulk load
    fills them, and built again from their own stored definitions when it is done, in
    the same transaction: building an index from all its rows at once costs less than
    keeping it in step row by row. At 10k candidates the demo's inserts took 4.6 s
    instead of 6.5 s, and building the indexes again 0.7-0.9 s
    (``benchmarks/bench_demo.py`` measures the whole command).

    Indexes that keep a value unique, and the triggers that guard the rows, stay in
    place. Another connection never sees the tables without their indexes: the change
    is part of the transaction. If the block raises, the indexes are not built again;
    the caller's transaction must then roll back (a unit of work does), which brings
    them back. Elsewhere than SQLite, nothing changes.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    filled = set(tables)
    saved = [
        (name, definition)
        for name, table, definition in connection.exec_driver_sql(
            "SELECT name, tbl_name, sql FROM sqlite_master"
            " WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
        )
        if table in filled and not definition.upper().startswith("CREATE UNIQUE")
    ]
    quote = connection.dialect.identifier_preparer.quote
    for name, _definition in saved:
        connection.exec_driver_sql(f"DROP INDEX {quote(name)}")
    yield
    for _name, definition in saved:
        connection.exec_driver_sql(definition)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic garbage collection for a while: bulk work makes hundreds of thousands
    of small objects (row tuples, tallies), which the collector would walk over and over
    (at 10k candidates it doubled the time of adding up the evidence tallies). They are
    freed by reference counts anyway; the collector runs again as before afterwards."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def refresh_statistics(connection: Connection) -> None:
    """After a bulk load: the query planner's statistics read afresh (``ANALYZE``).

    Without them SQLite guesses that ``scorecards.status = 'submitted'`` picks few rows
    and reads one candidate's scorecards through the status index, every submitted
    scorecard of the database (10k candidates: the demo's planted debriefs took 40 s
    instead of a few). PostgreSQL's autovacuum would analyze the tables later; now is
    when the load has changed them.
    """
    connection.exec_driver_sql("ANALYZE")


def table_of(model: type[Any]) -> Table:
    table: Table = model.__table__
    return table
