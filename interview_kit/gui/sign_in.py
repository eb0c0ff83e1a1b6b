"""Who is at the keyboard on a shared database, and what their role lets them open.

On a person's own login of a shared PostgreSQL database the identity is the login: the
interviewer record tied to it, never a name picked from a list (the "who is scoring"
question is not asked, and People → Switch interviewer explains why). Each section of the
window opens for the roles that use it and is greyed out for the others, with the reason
as its tooltip; the database refuses the rest whatever the screen shows
(``docs/security.md``). On a SQLite file, and for the database owner, everything is open
and the identity is chosen as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from interview_kit.gui.sections import SECTIONS
from interview_kit.services import people
from interview_kit.services.people import Access

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext
    from interview_kit.services.people import SignedIn

_STAFF = frozenset({Access.FULL, Access.RECRUITER})
_DECIDERS = frozenset({Access.FULL, Access.RECRUITER, Access.COMMITTEE})
SECTION_ROLES: dict[str, frozenset[Access]] = {
    "home": frozenset({Access.FULL, Access.RECRUITER, Access.INTERVIEWER}),
    "pipeline": _STAFF,
    "people": _STAFF,
    "committee": _DECIDERS,
    "insights": _DECIDERS,
    "evidence": _DECIDERS,
    "rubric": _STAFF,
}
"""Which logins open each section (a section not listed opens for everyone). Interviewers
work in My interviews and the stage walk; the committee in Panel review (with the
packets), Insights and Evidence; the recruiter everywhere (the database keeps private notes from
them)."""

ROLE_WORDS = {
    Access.RECRUITER: "a recruiter",
    Access.COMMITTEE: "a member of the hiring committee",
    Access.INTERVIEWER: "an interviewer",
    Access.NONE: "someone with no role on this database any more",
}
_ROLE_PLURALS = {
    Access.RECRUITER: "recruiters",
    Access.COMMITTEE: "the hiring committee",
    Access.INTERVIEWER: "interviewers",
}


def section_refusal(key: str, title: str, access: Access) -> str:
    """Why ``access`` may not open section ``key`` (``""`` when it may)."""
    allowed = SECTION_ROLES.get(key)
    if allowed is None or access in allowed:
        return ""
    if access is Access.NONE:
        return (
            f"{title}: your sign-in no longer has a role on this shared database. "
            "Ask the recruiter."
        )
    who = " and ".join(_ROLE_PLURALS[a] for a in _ROLE_PLURALS if a in allowed)
    return f"{title} is for {who}; you are signed in as {ROLE_WORDS[access]}."


def identity_text(person: SignedIn) -> str:
    return f"Signed in as {person.name} ({person.access.value})"


EXCHANGE_REFUSAL = (
    "Panel packs and scorecard bundles are the recruiter's on a shared database: "
    "interviewers who sign in score here directly (packs are for those who work offline)."
)
IDENTITY_REFUSAL = (
    "On a shared database you are who you signed in as ({who}): nobody picks "
    "another name. To work as someone else, sign in with their login (File → Database…)."
)
DEMO_REFUSAL = "The demo panel is loaded by the database's owner, not on a person's login."
PEOPLE_REFUSAL_SQLITE = (
    "Sign-ins and roles need a shared PostgreSQL database: a SQLite file belongs to "
    "one operating-system account."
)
PEOPLE_REFUSAL_ROLE = "People and sign-ins are managed by a recruiter or the database owner."


class SignInWiring(QObject):
    """Applies the signed-in person's role to the window: sections, menu actions and the
    identity shown in the status bar; opens the People dialog for a recruiter."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.context = context
        self.person: SignedIn | None = None
        window = context.window
        self.people_action = QAction("People and sign-ins…", window)
        self.people_action.setObjectName("actionPeopleAndSignIns")
        window.ui.menuPeople.addAction(self.people_action)
        self.people_action.triggered.connect(self.open_people)
        self.people_dialog: object | None = None

    @property
    def identity_is_login(self) -> bool:
        """The identity comes from the sign-in (a restricted login), never a choice."""
        return self.person is not None

    def refresh(self) -> SignedIn | None:
        """Read who is signed in to the database in use and apply their role."""
        db = self.context.db
        assert db is not None
        self.person = people.signed_in(db)
        access = db.access
        window = self.context.window
        for section in SECTIONS:
            window.set_section_refusal(
                section.key, section_refusal(section.key, section.title, access)
            )
        ui = window.ui
        restricted = access.restricted
        _allow(
            ui.actionSwitchInterviewer,
            IDENTITY_REFUSAL.format(who=self.person.name) if self.person else "",
        )
        _allow(ui.actionLoadDemo, DEMO_REFUSAL if restricted else "")
        exchange = EXCHANGE_REFUSAL if access not in _STAFF else ""
        _allow(ui.actionImport, exchange)
        _allow(ui.actionExport, exchange)
        if db.is_sqlite:
            _allow(self.people_action, PEOPLE_REFUSAL_SQLITE)
        else:
            _allow(self.people_action, "" if people.may_manage_people(db) else PEOPLE_REFUSAL_ROLE)
        if self.person is not None:
            window.set_identity(identity_text(self.person))
        return self.person

    def explain_identity(self) -> None:
        """Someone asked to switch who is scoring on a login: say why not."""
        assert self.person is not None
        message = IDENTITY_REFUSAL.format(who=self.person.name)
        if self.person.interviewer is None:
            message += (
                f" Stage walks are for interviewers; you are signed in as "
                f"{ROLE_WORDS[self.person.access]}."
            )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Who is scoring",
            message,
            QMessageBox.StandardButton.Ok,
            self.context.window,
        )
        box.exec()

    def open_people(self) -> None:
        from interview_kit.gui.people_dialog import open_people_dialog

        if self.context.db is not None:
            self.people_dialog = open_people_dialog(self.context)


def _allow(action: QAction, refusal: str) -> None:
    action.setEnabled(not refusal)
    action.setToolTip(refusal or action.text().replace("&", ""))
    action.setStatusTip(refusal)


__all__ = ["SECTION_ROLES", "SignInWiring", "identity_text", "section_refusal"]
