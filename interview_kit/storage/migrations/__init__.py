"""Alembic migrations, shipped inside the package and run by :mod:`..migrate`."""
