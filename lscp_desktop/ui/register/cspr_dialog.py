"""The case's CSPR from commissioning to publication, and its joint reviews: the case's own page.

The partners' regulation 14 monitoring: the reviewers, the terms of reference, dated progress
notes with the next check, the final report, its sending to the Panel and the Secretary of
State, and publication (or the reason it is not published). Save applies everything through
`review.cspr`'s rules in one transaction; a broken rule is shown and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.date_text import numeric_date
from lscp_desktop.models import Case
from lscp_desktop.models.enums import JointReviewKind
from lscp_desktop.review import cspr as cspr_rules
from lscp_desktop.store.database import Store
from lscp_desktop.ui.meeting.fields import note, text_box
from lscp_desktop.ui.register.date_fields import OptionalDate, date_edit, from_qdate
from lscp_desktop.vocabulary import JOINT_REVIEW_KINDS


@dataclass(frozen=True)
class _Note:
    noted_on: dt.date
    author: str
    text: str
    next_check_on: dt.date | None


@dataclass(frozen=True)
class _Joint:
    kind: JointReviewKind
    partner_board: str
    started_on: dt.date | None
    completed_on: dt.date | None


def _note_line(note_: _Note) -> str:
    check = f"; next check {numeric_date(note_.next_check_on)}" if note_.next_check_on else ""
    return f"{numeric_date(note_.noted_on)}, {note_.author or 'no author'}: {note_.text}{check}"


def _joint_line(joint: _Joint) -> str:
    dates = numeric_date(joint.started_on) if joint.started_on else "start not recorded"
    if joint.completed_on:
        dates += f" to {numeric_date(joint.completed_on)}"
    return f"{JOINT_REVIEW_KINDS[joint.kind]} with {joint.partner_board} ({dates})"


class CsprDialog(QDialog):
    def __init__(self, store: Store, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.case_id = case_id
        self.new_notes: list[_Note] = []
        self.new_joint: list[_Joint] = []
        with store.session() as session:
            case = session.get_one(Case, case_id)
            self.setWindowTitle(
                f"CSPR and joint reviews — {case.child_pseudonym} ({case.reference})"
            )
            cspr = case.cspr
            self.has_cspr = cspr is not None
            if cspr is not None:
                commissioned = cspr.commissioned_on
                due = cspr_rules.publication_due(cspr)
                reviewers = "\n".join(cspr.reviewer_list)
                terms = cspr.terms_of_reference_on
                notes = [
                    _Note(n.noted_on, n.author, n.text, n.next_check_on) for n in cspr.progress
                ]
                final, sent = cspr.final_report_on, cspr.sent_to_panel_on
                published, reason = cspr.published_on, cspr.not_published_reason
            joints = [
                _Joint(j.kind, j.partner_board, j.started_on, j.completed_on)
                for j in case.joint_reviews
            ]
        layout = QVBoxLayout(self)
        self.cspr_box = QGroupBox("Local Child Safeguarding Practice Review")
        layout.addWidget(self.cspr_box)
        cspr_layout = QVBoxLayout(self.cspr_box)
        if not self.has_cspr:
            cspr_layout.addWidget(
                note(
                    "No CSPR has been commissioned: a Rapid Review recommending one commissions "
                    "it, on the date of its decision."
                )
            )
        else:
            cspr_layout.addWidget(
                note(
                    f"Commissioned on {numeric_date(commissioned)}. Publication is expected by "
                    f"{numeric_date(due)} (6 months from the decision to commission)."
                )
            )
            form = QFormLayout()
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            self.reviewers = text_box("Reviewers (one a line)", reviewers, lines=2)
            form.addRow("&Reviewers (one a line):", self.reviewers)
            self.terms = OptionalDate("Terms of reference agreed on")
            self.terms.set_value(terms)
            form.addRow("Terms of reference agreed on:", self.terms)
            cspr_layout.addLayout(form)

            cspr_layout.addWidget(QLabel("Progress notes (regulation 14 monitoring):"))
            self.notes = QListWidget()
            self.notes.setAccessibleName("Progress notes")
            for existing in notes:
                self.notes.addItem(_note_line(existing))
            cspr_layout.addWidget(self.notes)
            add_row = QHBoxLayout()
            self.note_date = date_edit("Date of the progress note")
            self.note_author = QLineEdit()
            self.note_author.setAccessibleName("Author of the progress note")
            self.note_author.setPlaceholderText("Author")
            self.note_text = QLineEdit()
            self.note_text.setAccessibleName("Progress note")
            self.note_text.setPlaceholderText("What the check found")
            self.note_next = OptionalDate("Next check on")
            self.add_note_button = QPushButton("Add &note")
            self.add_note_button.setAutoDefault(False)
            self.add_note_button.clicked.connect(self.add_note)
            for widget, stretch in (
                (self.note_date, 0),
                (self.note_author, 1),
                (self.note_text, 3),
                (self.note_next, 1),
                (self.add_note_button, 0),
            ):
                add_row.addWidget(widget, stretch)
            cspr_layout.addLayout(add_row)

            ending = QFormLayout()
            self.final = OptionalDate("Final report received on")
            self.final.set_value(final)
            ending.addRow("Final report received on:", self.final)
            self.sent = OptionalDate("Sent to the Panel and the Secretary of State on")
            self.sent.set_value(sent)
            ending.addRow("Sent to the Panel and the Secretary of State on:", self.sent)
            self.published = OptionalDate("Published on")
            self.published.set_value(published)
            ending.addRow("Published on:", self.published)
            self.reason = QLineEdit(reason)
            self.reason.setAccessibleName("Not published: the reason")
            ending.addRow("Not &published: the reason:", self.reason)
            cspr_layout.addLayout(ending)

        joint_box = QGroupBox("Joint and other reviews")
        layout.addWidget(joint_box)
        joint_layout = QVBoxLayout(joint_box)
        self.joint = QListWidget()
        self.joint.setAccessibleName("Joint reviews")
        for existing_joint in joints:
            self.joint.addItem(_joint_line(existing_joint))
        joint_layout.addWidget(self.joint)
        joint_row = QHBoxLayout()
        self.joint_kind = QComboBox()
        self.joint_kind.setAccessibleName("Kind of joint review")
        for kind, label in JOINT_REVIEW_KINDS.items():
            self.joint_kind.addItem(label, kind.value)
        self.joint_board = QLineEdit()
        self.joint_board.setAccessibleName("Partner board")
        self.joint_board.setPlaceholderText("Partner board (e.g. the Safeguarding Adults Board)")
        self.joint_started = OptionalDate("Joint review started on")
        self.joint_completed = OptionalDate("Joint review completed on")
        self.add_joint_button = QPushButton("Add &joint review")
        self.add_joint_button.setAutoDefault(False)
        self.add_joint_button.clicked.connect(self.add_joint)
        for joint_widget in (
            self.joint_kind,
            self.joint_board,
            self.joint_started,
            self.joint_completed,
            self.add_joint_button,
        ):
            joint_row.addWidget(joint_widget)
        joint_layout.addLayout(joint_row)

        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = box.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAutoDefault(False)
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.resize(860, 620)

    def add_note(self) -> None:
        """Kept in the list until Save; an empty note is refused at once."""
        text = self.note_text.text().strip()
        if not text:
            QMessageBox.warning(self, "Progress note", "Write what the progress check found.")
            return
        added = _Note(
            from_qdate(self.note_date.date()),
            self.note_author.text().strip(),
            text,
            self.note_next.value(),
        )
        self.new_notes.append(added)
        self.notes.addItem(_note_line(added) + " (not yet saved)")
        self.note_text.clear()

    def add_joint(self) -> None:
        board = self.joint_board.text().strip()
        if not board:
            QMessageBox.warning(
                self, "Joint review", "Name the board or partnership the review is run with."
            )
            return
        added = _Joint(
            JointReviewKind(self.joint_kind.currentData()),
            board,
            self.joint_started.value(),
            self.joint_completed.value(),
        )
        self.new_joint.append(added)
        self.joint.addItem(_joint_line(added) + " (not yet saved)")
        self.joint_board.clear()

    def save(self) -> None:
        try:
            with self.store.session() as session:
                case = session.get_one(Case, self.case_id)
                cspr = case.cspr
                if cspr is not None:
                    cspr_rules.record_commissioning(
                        cspr,
                        reviewers=self.reviewers.toPlainText().splitlines(),
                        terms_of_reference_on=self.terms.value(),
                    )
                    for added in self.new_notes:
                        cspr_rules.add_progress(
                            cspr, added.noted_on, added.author, added.text, added.next_check_on
                        )
                    cspr_rules.record_final_report(cspr, self.final.value(), self.sent.value())
                    published, reason = self.published.value(), self.reason.text().strip()
                    if published is not None and reason:
                        raise cspr_rules.CsprRuleError(
                            "A CSPR is either published or not published with a reason: "
                            "clear one of the two."
                        )
                    if published is not None:
                        if published != cspr.published_on:
                            cspr_rules.record_publication(cspr, published)
                    elif reason:
                        if reason != cspr.not_published_reason:
                            cspr_rules.record_not_published(cspr, reason)
                    else:
                        cspr.published_on, cspr.not_published_reason = None, ""
                for joint in self.new_joint:
                    cspr_rules.add_joint_review(
                        case,
                        joint.kind,
                        joint.partner_board,
                        started_on=joint.started_on,
                        completed_on=joint.completed_on,
                    )
        except cspr_rules.CsprRuleError as error:
            QMessageBox.warning(self, "CSPR not saved", str(error))
            return
        self.accept()
