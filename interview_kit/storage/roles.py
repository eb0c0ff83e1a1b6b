"""Who may read and change what on a shared PostgreSQL database, as SQL.

Every person connects as their own login role, a member of one of three group roles:

- **interviewer** reads the candidates they are on the panel of (without e-mail or
  recruiter notes), their own scorecards and private notes, and another interviewer's
  submitted scorecard (ratings, observations, exercise notes, amendments) for a candidate
  only once their own scorecard for that stage is submitted, or once they have submitted
  for that candidate and have no stage of it still open (the app's independence rule,
  ``services/independence.py``). Summaries and decisions follow the candidate rule. They
  write their own drafts and private notes, submit, and amend their own scorecards.
- **committee** reads everything except private notes and writes decisions (and the
  cached summaries a decision refreshes).
- **recruiter** reads everything except private notes; writes candidates, assignments,
  interviewers, rubrics and pipeline moves; erases a candidate only through
  ``ik_erase_candidate``, which leaves the audit line.

Nobody updates or deletes a submitted scorecard, its children, an amendment or an audit
line: triggers refuse it (on SQLite too), the erasure function being the one exception.
The owner of the tables (the login that ran the migrations) is not restricted: it is the
database's administrator.

Role names carry the database name (``ik_<database>_recruiter``, logins
``ik_<database>_u_<name>``), so several databases on one server never share a role.
:func:`schema_statements` is what a migration applies (functions, guards, row-level
security switched on: no policy means no rows); :func:`provision` adds the roles, grants
and policies and is idempotent: run it again after every migration that adds a table.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import text
from sqlalchemy.engine import Connection

__all__ = [
    "Access",
    "Group",
    "LoginInfo",
    "create_login",
    "group_role",
    "is_provisioned",
    "login_role_name",
    "logins",
    "provision",
    "remove_login",
    "role_prefix",
    "schema_statements",
    "session_access",
    "session_person",
    "set_login_group",
    "set_password",
]


class Group(StrEnum):
    RECRUITER = "recruiter"
    COMMITTEE = "committee"
    INTERVIEWER = "interviewer"


class Access(StrEnum):
    """What the connected login may do: everything (SQLite, the owner) or one group's."""

    FULL = "full"
    RECRUITER = "recruiter"
    COMMITTEE = "committee"
    INTERVIEWER = "interviewer"
    NONE = "none"
    """A login of no group of this database (a removed person still connected)."""

    @property
    def restricted(self) -> bool:
        return self is not Access.FULL

    @property
    def reads_email(self) -> bool:
        return self in (Access.FULL, Access.RECRUITER, Access.COMMITTEE)

    @property
    def reads_private_notes(self) -> bool:
        """Their own, for an interviewer; every one for the owner of the file."""
        return self in (Access.FULL, Access.INTERVIEWER)


TABLES = (
    "audit_log",
    "interviewers",
    "rubrics",
    "rubric_versions",
    "candidates",
    "candidate_summaries",
    "assignments",
    "committee_decisions",
    "scorecards",
    "scorecard_ratings",
    "scorecard_observations",
    "scorecard_exercise_notes",
    "scorecard_amendments",
    "private_notes",
    "erasing_candidates",
    "hire_outcomes",
    "self_identifications",
    "frozen_recommendations",
    "decision_overrides",
    "debrief_rescores",
    "cancelled_interviews",
    "external_scorecards",
    "evidence_cases",
    "evidence_cards",
)
"""Every table under row-level security (alembic_version is read by all, written by none)."""

SCORECARD_CHILDREN = ("scorecard_ratings", "scorecard_observations", "scorecard_exercise_notes")
HIDDEN_CANDIDATE_COLUMNS = ("email", "notes")
"""What an interviewer may not read of a candidate."""

IMMUTABLE = "submitted scorecard is immutable; record an amendment instead"
APPEND_ONLY = "the audit log is append-only"
AMENDMENT_IMMUTABLE = "an amendment is immutable"
LOGIN_LENGTH = 63
_SLUG_LIMIT = 24


# ---------------------------------------------------------------------------------------
# Names


def _slug(value: str, limit: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", value.casefold()).strip("_") or "x"
    if len(slug) > limit:
        digest = hashlib.sha1(value.encode(), usedforsecurity=False).hexdigest()[:6]
        slug = f"{slug[: limit - 7]}_{digest}"
    return slug


def role_prefix(database: str) -> str:
    """``ik_<database>_``: the start of every role name of this database."""
    return f"ik_{_slug(database, _SLUG_LIMIT + 8)}_"


def group_role(database: str, group: Group | str) -> str:
    return role_prefix(database) + Group(group).value


def login_role_name(database: str, person: str) -> str:
    """The login role proposed for a person (a number is added when it is taken)."""
    return f"{role_prefix(database)}u_{_slug(person, _SLUG_LIMIT)}"


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def current_database(connection: Connection) -> str:
    return str(connection.execute(text("SELECT current_database()")).scalar_one())


# ---------------------------------------------------------------------------------------
# The schema's part: applied by migrations (and again by provision)


def schema_statements(dialect: str) -> list[str]:
    """Guards (both backends) and, on PostgreSQL, the functions the policies use and
    row-level security switched on. Every statement may run again."""
    if dialect == "postgresql":
        return _postgresql_guards() + _postgresql_functions() + _row_level_security()
    return _sqlite_guards()


def _sqlite_guards() -> list[str]:
    def refuse(name: str, when: str, condition: str, message: str) -> list[str]:
        return [
            f"DROP TRIGGER IF EXISTS {name}",
            (
                f"CREATE TRIGGER {name} {when} FOR EACH ROW"
                f"{' WHEN ' + condition if condition else ''}"
                f" BEGIN SELECT RAISE(ABORT, '{message}'); END"
            ),
        ]

    not_erasing = "candidate_id NOT IN (SELECT candidate_id FROM erasing_candidates)"
    statements = refuse(
        "trg_scorecards_immutable", "BEFORE UPDATE ON scorecards", "OLD.status = 'submitted'",
        IMMUTABLE,
    )  # fmt: skip
    statements += refuse(
        "trg_scorecards_no_delete",
        "BEFORE DELETE ON scorecards",
        f"OLD.status = 'submitted' AND OLD.{not_erasing}",
        IMMUTABLE,
    )
    for table in SCORECARD_CHILDREN:
        for event, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            condition = (
                f"EXISTS (SELECT 1 FROM scorecards WHERE id = {row}.scorecard_id"
                " AND status = 'submitted'"
                + (f" AND {not_erasing}" if event == "DELETE" else "")
                + ")"
            )
            statements += refuse(
                f"trg_{table}_{event.lower()}_immutable",
                f"BEFORE {event} ON {table}",
                condition,
                IMMUTABLE,
            )
    statements += refuse(
        "trg_scorecard_amendments_immutable",
        "BEFORE UPDATE ON scorecard_amendments",
        "",
        AMENDMENT_IMMUTABLE,
    )
    statements += refuse(
        "trg_scorecard_amendments_no_delete",
        "BEFORE DELETE ON scorecard_amendments",
        f"EXISTS (SELECT 1 FROM scorecards WHERE id = OLD.scorecard_id AND {not_erasing})",
        AMENDMENT_IMMUTABLE,
    )
    statements += refuse("trg_audit_log_no_update", "BEFORE UPDATE ON audit_log", "", APPEND_ONLY)
    statements += refuse("trg_audit_log_no_delete", "BEFORE DELETE ON audit_log", "", APPEND_ONLY)
    return statements


_DEFINER = "SECURITY DEFINER SET search_path = public, pg_temp SET jit = off"
"""Security definer with a fixed search path. No JIT: these are small lookups, and a search
that turns sequential scans off (``plan_for_search``) prices every plan that must still
read a small table whole above ``jit_above_cost``, so each call compiled its query first
(an interviewer's candidate search: ~200 ms of compiling for a 1 ms lookup)."""


def _trigger(name: str, table: str, timing: str, function: str, when: str = "") -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} {timing} ON {table} FOR EACH ROW"
        + (f" WHEN ({when})" if when else "")
        + f" EXECUTE FUNCTION {function}",
    ]


def _postgresql_guards() -> list[str]:
    raise_immutable = (
        f"RAISE EXCEPTION '{IMMUTABLE}' USING ERRCODE = 'integrity_constraint_violation'"
    )
    statements = [
        """
        CREATE OR REPLACE FUNCTION ik_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
        END $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION ik_scorecard_delete_guard() RETURNS trigger
        LANGUAGE plpgsql {_DEFINER} AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM erasing_candidates WHERE candidate_id = OLD.candidate_id)
            THEN {raise_immutable};
            END IF;
            RETURN OLD;
        END $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION ik_scorecard_child_guard() RETURNS trigger
        LANGUAGE plpgsql {_DEFINER} AS $$
        DECLARE
            parent integer;
        BEGIN
            IF TG_OP = 'INSERT' THEN parent := NEW.scorecard_id; ELSE parent := OLD.scorecard_id;
            END IF;
            IF EXISTS (
                SELECT 1 FROM scorecards s WHERE s.id = parent AND s.status = 'submitted'
                AND (TG_OP <> 'DELETE' OR NOT EXISTS (
                    SELECT 1 FROM erasing_candidates e WHERE e.candidate_id = s.candidate_id))
            ) THEN {raise_immutable};
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION ik_amendment_delete_guard() RETURNS trigger
        LANGUAGE plpgsql {_DEFINER} AS $$
        BEGIN
            IF EXISTS (
                SELECT 1 FROM scorecards s WHERE s.id = OLD.scorecard_id AND NOT EXISTS (
                    SELECT 1 FROM erasing_candidates e WHERE e.candidate_id = s.candidate_id)
            ) THEN
                RAISE EXCEPTION '{AMENDMENT_IMMUTABLE}'
                    USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN OLD;
        END $$
        """,
        """
        CREATE OR REPLACE FUNCTION ik_audit_login() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.login := session_user;
            RETURN NEW;
        END $$
        """,
    ]
    statements += _trigger(
        "trg_scorecards_immutable",
        "scorecards",
        "BEFORE UPDATE",
        f"ik_refuse('{IMMUTABLE}')",
        "OLD.status = 'submitted'",
    )
    statements += _trigger(
        "trg_scorecards_no_delete",
        "scorecards",
        "BEFORE DELETE",
        "ik_scorecard_delete_guard()",
        "OLD.status = 'submitted'",
    )
    for table in SCORECARD_CHILDREN:
        statements += _trigger(
            f"trg_{table}_immutable",
            table,
            "BEFORE INSERT OR UPDATE OR DELETE",
            "ik_scorecard_child_guard()",
        )
    statements += _trigger(
        "trg_scorecard_amendments_immutable",
        "scorecard_amendments",
        "BEFORE UPDATE",
        f"ik_refuse('{AMENDMENT_IMMUTABLE}')",
    )
    statements += _trigger(
        "trg_scorecard_amendments_no_delete",
        "scorecard_amendments",
        "BEFORE DELETE",
        "ik_amendment_delete_guard()",
    )
    statements += _trigger(
        "trg_audit_log_append_only",
        "audit_log",
        "BEFORE UPDATE OR DELETE",
        f"ik_refuse('{APPEND_ONLY}')",
    )
    statements += _trigger("trg_audit_log_login", "audit_log", "BEFORE INSERT", "ik_audit_login()")
    return statements


HELPER_FUNCTIONS = (
    "ik_me()",
    "ik_my_candidates()",
    "ik_my_submitted_stages()",
    "ik_my_cleared_candidates()",
)
"""Functions the interviewer's policies call (security definer: they read past the
policies, so a policy never recurses into itself)."""
ERASE_FUNCTION = "ik_erase_candidate(text, text)"


def _postgresql_functions() -> list[str]:
    # Dropped first (with the policies that use them: provisioning makes those again), so
    # a function whose result type changed is replaced too.
    statements = [
        f"DROP FUNCTION IF EXISTS {function} CASCADE"
        for function in HELPER_FUNCTIONS
        if function != "ik_me()"
    ]
    statements += [
        f"""
        CREATE OR REPLACE FUNCTION ik_me() RETURNS integer LANGUAGE sql STABLE {_DEFINER} AS $$
            SELECT id FROM interviewers WHERE login = session_user
        $$
        """,
        # plpgsql with the interviewer's id in a variable: each query is planned with it
        # as a parameter and walks the interviewer_id indexes.
        f"""
        CREATE OR REPLACE FUNCTION ik_my_candidates() RETURNS integer[]
        LANGUAGE plpgsql STABLE {_DEFINER} AS $$
        DECLARE
            me integer := ik_me();
        BEGIN
            RETURN ARRAY(
                SELECT a.candidate_id FROM assignments a WHERE a.interviewer_id = me
                UNION
                SELECT s.candidate_id FROM scorecards s WHERE s.interviewer_id = me);
        END $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION ik_my_submitted_stages()
        RETURNS TABLE (candidate_id integer, stage_id varchar)
        LANGUAGE plpgsql STABLE {_DEFINER} AS $$
        DECLARE
            me integer := ik_me();
        BEGIN
            RETURN QUERY
                SELECT s.candidate_id, s.stage_id FROM scorecards s
                WHERE s.interviewer_id = me AND s.status = 'submitted';
        END $$
        """,
        # Candidates the interviewer has submitted for and has no stage still open on:
        # no draft of theirs (every scorecard of theirs submitted), and no stage they are
        # assigned to without a scorecard at all.
        f"""
        CREATE OR REPLACE FUNCTION ik_my_cleared_candidates() RETURNS integer[]
        LANGUAGE plpgsql STABLE {_DEFINER} AS $$
        DECLARE
            me integer := ik_me();
        BEGIN
            RETURN ARRAY(
                SELECT s.candidate_id FROM scorecards s
                WHERE s.interviewer_id = me
                GROUP BY s.candidate_id
                HAVING bool_and(s.status = 'submitted')
                EXCEPT
                SELECT a.candidate_id FROM assignments a
                WHERE a.interviewer_id = me AND NOT EXISTS (
                    SELECT 1 FROM scorecards x
                    WHERE x.candidate_id = a.candidate_id AND x.stage_id = a.stage_id
                    AND x.interviewer_id = me));
        END $$
        """,
        # The one way to delete a submitted scorecard: a privacy erasure, audited.
        f"""
        CREATE OR REPLACE FUNCTION ik_erase_candidate(target text, actor text) RETURNS boolean
        LANGUAGE plpgsql {_DEFINER} AS $$
        DECLARE
            found integer;
        BEGIN
            SELECT id INTO found FROM candidates WHERE uuid = target FOR UPDATE;
            IF found IS NULL THEN RETURN false; END IF;
            INSERT INTO erasing_candidates (candidate_id) VALUES (found);
            DELETE FROM candidates WHERE id = found;
            DELETE FROM erasing_candidates WHERE candidate_id = found;
            INSERT INTO audit_log (at, actor, action, subject_type, subject_uuid, detail)
            VALUES (now(), left(actor, 200), 'candidate.erased', 'candidate', target, '');
            RETURN true;
        END $$
        """,
    ]
    for function in (*HELPER_FUNCTIONS, ERASE_FUNCTION):
        statements.append(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
    return statements


def _row_level_security() -> list[str]:
    # Only the tables that exist: a migration applies this at its own revision, before
    # later ones add their tables.
    return [
        f"DO $$ BEGIN IF to_regclass('public.{table}') IS NOT NULL THEN"
        f" ALTER TABLE {table} ENABLE ROW LEVEL SECURITY; END IF; END $$"
        for table in TABLES
    ]


# ---------------------------------------------------------------------------------------
# People: the one way logins are made and changed (by the owner, or a recruiter)

PEOPLE_FUNCTIONS = (
    "ik_person_create(text, text, text, text)",
    "ik_person_set_group(text, text)",
    "ik_person_set_password(text, text)",
    "ik_person_remove(text)",
)
"""Security-definer functions, owned by the database owner (who has CREATEROLE), that a
recruiter may call: each refuses any role but a person's login of this database, so a
recruiter manages the panel's sign-ins and nothing else on the server."""


def _people_functions(database: str) -> list[str]:
    prefix = quote_literal(role_prefix(database))
    logins = quote_literal(role_prefix(database) + "u_")
    groups = ", ".join(quote_literal(g.value) for g in Group)
    person_login = f"""
            IF login IS NULL OR NOT starts_with(login, {logins}) OR length(login) > {LOGIN_LENGTH}
            THEN
                RAISE EXCEPTION 'not a person''s login of this database: %', login
                    USING ERRCODE = 'insufficient_privilege';
            END IF;"""
    known_login = f"""{person_login}
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
                RAISE EXCEPTION 'no login %', login USING ERRCODE = 'undefined_object';
            END IF;"""
    known_group = f"""
            IF kind IS NULL OR kind NOT IN ({groups}) THEN
                RAISE EXCEPTION 'no role %', kind USING ERRCODE = 'invalid_parameter_value';
            END IF;"""
    leave_groups = f"""
            FOREACH other IN ARRAY ARRAY[{groups}] LOOP
                IF other IS DISTINCT FROM kind THEN
                    EXECUTE format('REVOKE %I FROM %I', {prefix} || other, login);
                END IF;
            END LOOP;"""
    return [
        f"""
        CREATE OR REPLACE FUNCTION ik_person_create(
            login text, person text, kind text, secret text) RETURNS void
        LANGUAGE plpgsql {_DEFINER} AS $$
        BEGIN {person_login} {known_group}
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
                RAISE EXCEPTION 'login % exists', login USING ERRCODE = 'duplicate_object';
            END IF;
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I',
                login, secret, {prefix} || kind);
            EXECUTE format('COMMENT ON ROLE %I IS %L', login, person);
        END $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION ik_person_set_group(login text, kind text) RETURNS void
        LANGUAGE plpgsql {_DEFINER} AS $$
        DECLARE
            other text;
        BEGIN {known_login} {known_group} {leave_groups}
            EXECUTE format('GRANT %I TO %I', {prefix} || kind, login);
        END $$
        """,
        f"""
        CREATE OR REPLACE FUNCTION ik_person_set_password(login text, secret text)
        RETURNS void LANGUAGE plpgsql {_DEFINER} AS $$
        BEGIN {known_login}
            EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', login, secret);
        END $$
        """,
        # Open sessions of the login are ended where the owner may signal them.
        f"""
        CREATE OR REPLACE FUNCTION ik_person_remove(login text) RETURNS void
        LANGUAGE plpgsql {_DEFINER} AS $$
        DECLARE
            other text;
            kind text := NULL;
        BEGIN {known_login}
            EXECUTE format('ALTER ROLE %I NOLOGIN', login); {leave_groups}
            IF pg_has_role('pg_signal_backend', 'USAGE')
                OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
                PERFORM pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE usename = login AND pid <> pg_backend_pid();
            END IF;
        END $$
        """,
        *(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC" for function in PEOPLE_FUNCTIONS),
    ]


# ---------------------------------------------------------------------------------------
# Provisioning: roles, grants, policies (run by the owner; needs CREATEROLE)


@dataclass(frozen=True)
class _Policy:
    table: str
    group: Group
    command: str
    """ALL, SELECT, INSERT, UPDATE or DELETE."""
    using: str | None = None
    check: str | None = None

    def sql(self, database: str, index: int) -> str:
        name = f"ik_{self.group.value}_{self.command.lower()}_{index}"
        parts = [
            f"CREATE POLICY {name} ON {self.table} FOR {self.command}",
            f"TO {quote_ident(group_role(database, self.group))}",
        ]
        if self.using is not None:
            parts.append(f"USING ({self.using})")
        if self.check is not None:
            parts.append(f"WITH CHECK ({self.check})")
        return " ".join(parts)


_ME = "(SELECT ik_me())"
# Arrays computed once per statement (an init plan), so the row test is an index-friendly
# ``= ANY``, not a sub-query run beside every row.
_MY_CANDIDATES = "ANY ((SELECT ik_my_candidates())::integer[])"
_CLEARED = "ANY ((SELECT ik_my_cleared_candidates())::integer[])"
_OWN_DRAFTS = f"(SELECT id FROM scorecards WHERE interviewer_id = {_ME} AND status = 'draft')"
_OWN_SUBMITTED = (
    f"(SELECT id FROM scorecards WHERE interviewer_id = {_ME} AND status = 'submitted')"
)
_VISIBLE_SCORECARD = (
    f"interviewer_id = {_ME} OR (status = 'submitted' AND (candidate_id = {_CLEARED}"
    " OR (candidate_id, stage_id) IN (SELECT * FROM ik_my_submitted_stages())))"
)

_PARENT_VISIBLE = "scorecard_id IN (SELECT id FROM scorecards)"

_OFFLINE = "interviewer_id IN (SELECT id FROM interviewers WHERE login IS NULL)"
"""Scorecards of interviewers with no login of their own: they work offline and send
scorecard bundles, which the recruiter imports. Whoever signs in writes their own."""
_OFFLINE_DRAFTS = f"(SELECT id FROM scorecards WHERE status = 'draft' AND {_OFFLINE})"
"""A scorecard's part is visible with the scorecard (its own policy applies inside)."""

_EVERYONE_READS = ("interviewers", "rubrics", "rubric_versions")
_STAFF_READ = tuple(
    t for t in TABLES if t not in ("private_notes", "erasing_candidates", "self_identifications")
)
"""What the recruiter and the committee read: everything but private notes and the
candidates' voluntary self-identification (the recruiter writes it; both read it for the
adverse-impact monitor; interviewers never)."""


def _grants_and_policies(database: str, candidate_columns: Sequence[str]) -> list[str]:
    recruiter, committee, interviewer = (quote_ident(group_role(database, g)) for g in Group)
    staff = f"{recruiter}, {committee}"
    everyone = f"{staff}, {interviewer}"
    grants = [f"GRANT SELECT ON {t} TO {staff}" for t in _STAFF_READ]
    grants += [
        "GRANT SELECT ON alembic_version TO " + everyone,
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + everyone,
        "GRANT INSERT ON audit_log TO " + everyone,
        f"GRANT SELECT ON {', '.join(_EVERYONE_READS)}, audit_log TO {interviewer}",
        "GRANT INSERT, UPDATE ON candidates, interviewers, rubrics, rubric_versions TO "
        + recruiter,
        f"GRANT INSERT, UPDATE, DELETE ON assignments, cancelled_interviews TO {recruiter}",
        f"GRANT INSERT ON external_scorecards TO {recruiter}",
        f"GRANT SELECT, INSERT, UPDATE ON exchange_peers, exchange_resolutions TO {recruiter}",
        f"GRANT INSERT, UPDATE, DELETE ON candidate_summaries TO {staff}",
        f"GRANT INSERT, UPDATE, DELETE ON evidence_cases, evidence_cards TO {staff}",
        f"GRANT INSERT ON committee_decisions TO {committee}",
        # Deciding locks the candidate's row (SELECT … FOR UPDATE needs an UPDATE
        # privilege and passes the UPDATE policy); the policy's check lets no change through.
        f"GRANT UPDATE (updated_at) ON candidates TO {committee}",
        f"GRANT INSERT, UPDATE ON hire_outcomes TO {recruiter}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON self_identifications TO {recruiter}",
        f"GRANT SELECT ON self_identifications TO {committee}",
        f"GRANT INSERT, UPDATE ON frozen_recommendations TO {staff}",
        f"GRANT INSERT ON decision_overrides TO {committee}",
        f"GRANT INSERT, UPDATE ON debrief_rescores TO {staff}",
        f"GRANT SELECT, INSERT, UPDATE ON debrief_rescores TO {interviewer}",
        f"GRANT SELECT ({', '.join(candidate_columns)}) ON candidates TO {interviewer}",
        f"GRANT SELECT ON candidate_summaries, assignments, committee_decisions TO {interviewer}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON scorecards, "
        + ", ".join(SCORECARD_CHILDREN)
        + f", private_notes TO {interviewer}",
        f"GRANT SELECT, INSERT ON scorecard_amendments TO {interviewer}",
        # Scorecard bundles from interviewers who work offline (no login of their own).
        "GRANT INSERT, UPDATE ON scorecards, " + ", ".join(SCORECARD_CHILDREN) + f" TO {recruiter}",
        f"GRANT INSERT ON scorecard_amendments TO {recruiter}",
        f"GRANT EXECUTE ON FUNCTION {', '.join(HELPER_FUNCTIONS)} TO {everyone}",
        f"GRANT EXECUTE ON FUNCTION {ERASE_FUNCTION} TO {recruiter}",
        f"GRANT EXECUTE ON FUNCTION {', '.join(PEOPLE_FUNCTIONS)} TO {recruiter}",
    ]
    policies: list[_Policy] = []
    for group in (Group.RECRUITER, Group.COMMITTEE):
        policies += [_Policy(t, group, "SELECT", "true") for t in _STAFF_READ]
        policies.append(_Policy("audit_log", group, "INSERT", check="true"))
        policies += [
            _Policy("candidate_summaries", group, "INSERT", check="true"),
            _Policy("candidate_summaries", group, "UPDATE", "true", "true"),
            _Policy("candidate_summaries", group, "DELETE", "true"),
        ]
        for derived in ("evidence_cases", "evidence_cards"):
            policies += [
                _Policy(derived, group, "INSERT", check="true"),
                _Policy(derived, group, "UPDATE", "true", "true"),
                _Policy(derived, group, "DELETE", "true"),
            ]
    R, C, I_ = Group.RECRUITER, Group.COMMITTEE, Group.INTERVIEWER  # noqa: N806
    for table in ("candidates", "interviewers", "rubrics", "rubric_versions", "assignments"):
        policies.append(_Policy(table, R, "INSERT", check="true"))
        policies.append(_Policy(table, R, "UPDATE", "true", "true"))
    policies.append(_Policy("assignments", R, "DELETE", "true"))
    policies += [
        _Policy("cancelled_interviews", R, "INSERT", check="true"),
        _Policy("cancelled_interviews", R, "UPDATE", "true", "true"),
        _Policy("cancelled_interviews", R, "DELETE", "true"),
        _Policy("external_scorecards", R, "INSERT", check="true"),
    ]
    policies.append(_Policy("committee_decisions", C, "INSERT", check="true"))
    policies.append(_Policy("candidates", C, "UPDATE", "true", "false"))
    policies += [
        _Policy("hire_outcomes", R, "INSERT", check="true"),
        _Policy("hire_outcomes", R, "UPDATE", "true", "true"),
        _Policy("self_identifications", R, "ALL", "true", "true"),
        _Policy("self_identifications", C, "SELECT", "true"),
        _Policy("decision_overrides", C, "INSERT", check="true"),
    ]
    for group in (R, C):
        policies += [
            _Policy("frozen_recommendations", group, "INSERT", check="true"),
            _Policy("frozen_recommendations", group, "UPDATE", "true", "true"),
            _Policy("debrief_rescores", group, "INSERT", check="true"),
            _Policy("debrief_rescores", group, "UPDATE", "true", "true"),
        ]
    offline_draft = f"scorecard_id IN {_OFFLINE_DRAFTS}"
    policies += [
        _Policy("scorecards", R, "INSERT", check=f"status = 'draft' AND {_OFFLINE}"),
        _Policy("scorecards", R, "UPDATE", f"status = 'draft' AND {_OFFLINE}", _OFFLINE),
        _Policy(
            "scorecard_amendments",
            R,
            "INSERT",
            check="scorecard_id IN (SELECT id FROM scorecards WHERE status = 'submitted'"
            f" AND {_OFFLINE})",
        ),
    ]
    for table in SCORECARD_CHILDREN:
        policies += [
            _Policy(table, R, "INSERT", check=offline_draft),
            _Policy(table, R, "UPDATE", offline_draft, offline_draft),
        ]
    own_child = f"scorecard_id IN {_OWN_DRAFTS}"
    policies += [
        *(_Policy(t, I_, "SELECT", "true") for t in _EVERYONE_READS),
        _Policy("audit_log", I_, "INSERT", check="true"),
        _Policy("audit_log", I_, "SELECT", "login = session_user"),
        _Policy("candidates", I_, "SELECT", f"id = {_MY_CANDIDATES}"),
        _Policy("assignments", I_, "SELECT", f"candidate_id = {_MY_CANDIDATES}"),
        _Policy("candidate_summaries", I_, "SELECT", f"candidate_id = {_CLEARED}"),
        _Policy("committee_decisions", I_, "SELECT", f"candidate_id = {_CLEARED}"),
        _Policy("scorecards", I_, "SELECT", _VISIBLE_SCORECARD),
        _Policy(
            "scorecards",
            I_,
            "INSERT",
            check=f"interviewer_id = {_ME} AND status = 'draft'"
            f" AND candidate_id = {_MY_CANDIDATES}",
        ),
        _Policy(
            "scorecards",
            I_,
            "UPDATE",
            f"interviewer_id = {_ME} AND status = 'draft'",
            f"interviewer_id = {_ME}",
        ),
        _Policy("scorecards", I_, "DELETE", f"interviewer_id = {_ME} AND status = 'draft'"),
        _Policy("scorecard_amendments", I_, "SELECT", _PARENT_VISIBLE),
        _Policy("debrief_rescores", I_, "SELECT", f"interviewer_id = {_ME}"),
        _Policy(
            "debrief_rescores",
            I_,
            "INSERT",
            check=f"interviewer_id = {_ME} AND candidate_id = {_CLEARED}",
        ),
        _Policy(
            "debrief_rescores", I_, "UPDATE", f"interviewer_id = {_ME}", f"interviewer_id = {_ME}"
        ),
        _Policy("scorecard_amendments", I_, "INSERT", check=f"scorecard_id IN {_OWN_SUBMITTED}"),
        _Policy(
            "private_notes",
            I_,
            "ALL",
            f"interviewer_id = {_ME}",
            f"interviewer_id = {_ME} AND scorecard_id IN"
            f" (SELECT id FROM scorecards WHERE interviewer_id = {_ME})",
        ),
    ]
    for table in SCORECARD_CHILDREN:
        policies += [
            _Policy(table, I_, "SELECT", _PARENT_VISIBLE),
            _Policy(table, I_, "INSERT", check=own_child),
            _Policy(table, I_, "UPDATE", own_child, own_child),
            _Policy(table, I_, "DELETE", own_child),
        ]
    return grants + [policy.sql(database, index) for index, policy in enumerate(policies)]


def is_provisioned(connection: Connection) -> bool:
    """Whether this database's group roles exist (then migrations re-apply the grants)."""
    database = current_database(connection)
    names = [group_role(database, group) for group in Group]
    found = connection.execute(
        text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"), {"names": names}
    ).scalar_one()
    return int(found) == len(names)


def provision(connection: Connection) -> None:
    """Create or bring up to date the group roles, grants and policies of the connected
    database; safe to run again. Needs the tables' owner with CREATEROLE."""
    database = current_database(connection)
    for statement in schema_statements("postgresql"):
        connection.execute(text(statement))
    groups = [group_role(database, group) for group in Group]
    for role in groups:
        connection.execute(
            text(
                "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                f"{quote_literal(role)}) THEN CREATE ROLE {quote_ident(role)} NOLOGIN; "
                "END IF; END $$"
            )
        )
    quoted = ", ".join(quote_ident(role) for role in groups)
    db = quote_ident(database)
    statements = _people_functions(database)
    statements += [
        f"REVOKE CONNECT, TEMPORARY ON DATABASE {db} FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {db} TO {quoted}",
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quoted}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {quoted}",
        f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM {quoted}",
    ]
    for table, policy in connection.execute(
        text(
            "SELECT tablename, policyname FROM pg_policies "
            "WHERE schemaname = 'public' AND tablename = ANY(:tables)"
        ),
        {"tables": list(TABLES)},
    ).all():
        statements.append(f"DROP POLICY {quote_ident(policy)} ON {quote_ident(table)}")
    columns = [
        str(name)
        for name in connection.execute(
            text(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = 'public' AND table_name = 'candidates' "
                "ORDER BY ordinal_position"
            )
        ).scalars()
        if name not in HIDDEN_CANDIDATE_COLUMNS
    ]
    statements += _grants_and_policies(database, [quote_ident(c) for c in columns])
    for statement in statements:
        connection.execute(text(statement))


# ---------------------------------------------------------------------------------------
# Sessions and logins


def session_access(connection: Connection) -> Access:
    """What the connected login may do on this database (``FULL`` on SQLite)."""
    if connection.dialect.name != "postgresql":
        return Access.FULL
    row = connection.execute(
        text(
            "SELECT current_database(), session_user, "
            "(SELECT relowner::regrole::text FROM pg_class WHERE relname = 'alembic_version' "
            " AND relnamespace = 'public'::regnamespace LIMIT 1), "
            "(SELECT rolsuper FROM pg_roles WHERE rolname = session_user)"
        )
    ).one()
    database, login, owner, superuser = str(row[0]), str(row[1]), row[2], bool(row[3])
    if superuser or owner is None or login == owner.strip('"'):
        return Access.FULL
    groups = {group_role(database, group): group for group in Group}
    member_of = set(
        connection.execute(
            text(
                "SELECT g.rolname FROM pg_auth_members m "
                "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
                "WHERE u.rolname = session_user AND g.rolname = ANY(:names)"
            ),
            {"names": list(groups)},
        ).scalars()
    )
    for role, group in groups.items():
        if role in member_of:
            return Access(group.value)
    return Access.NONE


def session_person(connection: Connection) -> tuple[str, str]:
    """The connected login and the name it was made for (its comment; ``""`` if none)."""
    row = connection.execute(
        text(
            "SELECT session_user, shobj_description("
            "(SELECT oid FROM pg_roles WHERE rolname = session_user), 'pg_authid')"
        )
    ).one()
    return str(row[0]), str(row[1] or "")


@dataclass(frozen=True)
class LoginInfo:
    login: str
    group: Group | None
    can_login: bool
    person: str
    """The name given when the login was made (kept as the role's comment)."""


def _existing_roles(connection: Connection, prefix: str) -> dict[str, tuple[bool, str]]:
    return {
        str(name): (bool(can_login), str(comment or ""))
        for name, can_login, comment in connection.execute(
            text(
                "SELECT rolname, rolcanlogin, shobj_description(oid, 'pg_authid') FROM pg_roles"
                " WHERE starts_with(rolname, :p)"
            ),
            {"p": prefix},
        ).all()
    }


def create_login(connection: Connection, person: str, group: Group, password: str) -> str:
    """A new login role for a person in ``group``; returns its name (made unique)."""
    database = current_database(connection)
    base = login_role_name(database, person)
    taken = _existing_roles(connection, base)
    name, counter = base, 1
    while name in taken:
        counter += 1
        name = f"{base}_{counter}"
    if len(name) > LOGIN_LENGTH:
        raise ValueError(f"login role name {name!r} is too long")
    connection.execute(
        text("SELECT ik_person_create(:login, :person, :kind, :secret)"),
        {"login": name, "person": person, "kind": Group(group).value, "secret": password},
    )
    return name


def set_password(connection: Connection, login: str, password: str) -> None:
    connection.execute(
        text("SELECT ik_person_set_password(:login, :secret)"),
        {"login": login, "secret": password},
    )


def set_login_group(connection: Connection, login: str, group: Group) -> None:
    """Make ``login`` a member of ``group`` only (of this database's groups)."""
    connection.execute(
        text("SELECT ik_person_set_group(:login, :kind)"),
        {"login": login, "kind": Group(group).value},
    )


def remove_login(connection: Connection, login: str) -> None:
    """The login can no longer connect or read anything; its records stay. Sessions it
    has open are ended where the owner may signal them."""
    connection.execute(text("SELECT ik_person_remove(:login)"), {"login": login})


def logins(connection: Connection) -> list[LoginInfo]:
    """This database's login roles with their group."""
    database = current_database(connection)
    prefix = role_prefix(database)
    groups = {group_role(database, group): group for group in Group}
    memberships: dict[str, Group] = {}
    for member, role in connection.execute(
        text(
            "SELECT u.rolname, g.rolname FROM pg_auth_members m "
            "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
            "WHERE g.rolname = ANY(:names)"
        ),
        {"names": list(groups)},
    ).all():
        memberships[str(member)] = groups[str(role)]
    return [
        LoginInfo(name, memberships.get(name), can_login, person)
        for name, (can_login, person) in sorted(_existing_roles(connection, prefix + "u_").items())
    ]


def drop_database_roles(connection: Connection, database: str) -> list[str]:
    """Drop every role of a database that no longer exists (test servers, clean-up)."""
    dropped = []
    names: Iterable[str] = _existing_roles(connection, role_prefix(database))
    for name in sorted(names, key=lambda n: (n.rsplit("_", 1)[-1] in set(Group), n)):
        connection.execute(text(f"DROP ROLE IF EXISTS {quote_ident(name)}"))
        dropped.append(name)
    return dropped
