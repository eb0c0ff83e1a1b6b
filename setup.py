"""Packaging glue: the top-level ``resources/``, ``forms/`` and ``docs/`` folders ship
inside the package.

The repository keeps them at the top level (that is where recruiters and designers look
for them); an installed copy finds them as ``interview_kit/resources``,
``interview_kit/forms`` and ``interview_kit/docs`` (the user guide F1 opens).
"""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["interview_kit", "interview_kit.*"]),
        "interview_kit.resources",
        "interview_kit.forms",
        "interview_kit.docs",
    ],
    package_dir={
        "interview_kit.resources": "resources",
        "interview_kit.forms": "forms",
        "interview_kit.docs": "docs",
    },
    package_data={
        "interview_kit": ["storage/migrations/*.ini", "storage/migrations/**/*.py", "py.typed"],
        "interview_kit.resources": ["**/*"],
        "interview_kit.forms": ["*.ui"],
        "interview_kit.docs": ["*.md", "examples/*.toml", "examples/*.json"],
    },
)
