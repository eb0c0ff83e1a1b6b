"""``interview-kit admin``: who may sign in to a shared PostgreSQL database, and as what.

Run by the database owner (the login that created the database). ``provision`` makes the
group roles, grants and row-level security policies (safe to run again);
``add-person`` gives someone a login of their own in one role, its password shown once
or written to a connection file to hand over; ``set-role``, ``new-password`` and
``remove-person`` change it; ``people`` lists who may sign in. A SQLite file has no
sign-ins: these commands refuse it.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.parser import Parser
from interview_kit.cli.text import table

if TYPE_CHECKING:
    from pathlib import Path

    from interview_kit.services.people import NewPerson, Person

ROLES = ("recruiter", "committee", "interviewer")


def register(parser: Parser) -> None:
    actions = parser.add_subparsers(dest="admin_command", metavar="ACTION", required=True)

    def action(name: str, summary: str) -> argparse.ArgumentParser:
        command = actions.add_parser(name, help=summary)
        # `admin provision --db URL` reads as one sentence; `--db` before `admin` works too.
        command.add_argument(
            "--db", metavar="URL", default=argparse.SUPPRESS, help="the shared database's URL"
        )
        return command

    provision = action("provision", "create or update the roles, grants and policies (idempotent)")
    provision.set_defaults(handler=cmd_provision)

    add = action("add-person", "give a person their own login in one role")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--email", default="", help="their e-mail (ties an interviewer's record)")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument(
        "--connection-file",
        metavar="FILE",
        help="write the sign-in to FILE to hand over, instead of printing the password",
    )
    add.add_argument("--force", action="store_true", help="replace FILE if it exists")
    add.add_argument("--json", action="store_true", help="print JSON")
    add.set_defaults(handler=cmd_add_person)

    set_role = action("set-role", "move a person to another role")
    set_role.add_argument("person", metavar="PERSON", help="login, name or e-mail")
    set_role.add_argument("--role", required=True, choices=ROLES)
    set_role.set_defaults(handler=cmd_set_role)

    password = action("new-password", "a fresh password for a person who lost theirs")
    password.add_argument("person", metavar="PERSON", help="login, name or e-mail")
    password.add_argument("--connection-file", metavar="FILE")
    password.add_argument("--force", action="store_true", help="replace FILE if it exists")
    password.set_defaults(handler=cmd_new_password)

    remove = action("remove-person", "take a person's sign-in away (their records stay)")
    remove.add_argument("person", metavar="PERSON", help="login, name or e-mail")
    remove.set_defaults(handler=cmd_remove_person)

    listing = action("people", "who may sign in, and as what")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_people)


def cmd_provision(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import people

    db = ctx.database
    groups = people.provision(db)
    ctx.print(f"Provisioned {db.location}")
    ctx.print("Group roles: " + ", ".join(groups))
    ctx.print("Run it again after an upgrade; next: interview-kit admin add-person NAME --role R")
    return ExitCode.OK


def cmd_add_person(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import people

    target = _connection_target(args)
    new = people.add_person(ctx.database, args.name, email=args.email, role=args.role)
    return _hand_over(ctx, new, target, args, verb="Added")


def cmd_set_role(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import people

    person = people.find_person(ctx.database, args.person)
    moved = people.set_role(ctx.database, person.login, args.role)
    ctx.print(f"{moved.name} ({moved.login}) is now {_role(moved)}")
    return ExitCode.OK


def cmd_new_password(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import people

    target = _connection_target(args)
    person = people.find_person(ctx.database, args.person)
    new = people.new_password(ctx.database, person.login)
    return _hand_over(ctx, new, target, args, verb="New password for")


def cmd_remove_person(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import people

    person = people.find_person(ctx.database, args.person)
    removed = people.remove_person(ctx.database, person.login)
    ctx.print(
        f"Removed {removed.name} ({removed.login}): they can no longer sign in; "
        "what they wrote stays"
    )
    return ExitCode.OK


def cmd_people(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import people

    everyone = people.people(ctx.database)
    if args.json:
        ctx.print_json({"people": [_person_json(p) for p in everyone]})
        return ExitCode.OK
    if not everyone:
        ctx.print("No one has a login yet (interview-kit admin add-person NAME --role R)")
        return ExitCode.OK
    rows = [
        [p.name, _role(p), p.login, "yes" if p.can_sign_in else "no (removed)"] for p in everyone
    ]
    ctx.print(table(["name", "role", "login", "signs in"], rows, [40, 12, 63, 14]))
    return ExitCode.OK


def _connection_target(args: argparse.Namespace) -> Path | None:
    """The connection file to write, checked before any role is made."""
    if not args.connection_file:
        return None
    from interview_kit.cli.files import output_file

    return output_file(args.connection_file, force=args.force)


def _hand_over(
    ctx: Context, new: NewPerson, target: Path | None, args: argparse.Namespace, *, verb: str
) -> int:
    from interview_kit.services import people

    person = new.person
    if target is not None:
        written = people.write_connection_file(new, target, overwrite=args.force)
        if getattr(args, "json", False):
            ctx.print_json({**_person_json(person), "connection_file": str(written)})
        else:
            ctx.print(f"{verb} {person.name} as {_role(person)} (login {person.login})")
            ctx.print(f"Connection file: {written} (password inside: hand it over privately)")
        return ExitCode.OK
    if getattr(args, "json", False):
        ctx.print_json({**_person_json(person), "password": new.password, "url": new.url})
        return ExitCode.OK
    ctx.print(f"{verb} {person.name} as {_role(person)}")
    ctx.print(f"Login:    {person.login}")
    ctx.print(f"Password: {new.password}")
    ctx.print(f"URL:      {new.url}")
    ctx.print("The password is shown once: hand it over privately (the server keeps a hash).")
    return ExitCode.OK


def _role(person: Person) -> str:
    return person.role.value if person.role is not None else "removed"


def _person_json(person: Person) -> dict[str, Any]:
    return {
        "login": person.login,
        "name": person.name,
        "role": person.role.value if person.role is not None else None,
        "can_sign_in": person.can_sign_in,
        "interviewer_uuid": person.interviewer_uuid,
    }
