"""The first start of a new database: whose partnership this is, and how a meeting runs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.enums import PartnerRole
from lscp_desktop.settings import first_run
from lscp_desktop.settings import stored as settings
from lscp_desktop.store.database import Store
from lscp_desktop.ui.help_dialog import GUIDE
from lscp_desktop.ui.widgets.form_dialog import FormDialog
from lscp_desktop.ui.widgets.problem_label import ProblemLabel
from lscp_desktop.ui.widgets.sizing import fit_to_screen

ROLES = (PartnerRole.LOCAL_AUTHORITY, PartnerRole.POLICE, PartnerRole.HEALTH)
LABELS = {
    PartnerRole.LOCAL_AUTHORITY: "&Local Authority:",
    PartnerRole.POLICE: "&Police:",
    PartnerRole.HEALTH: "&Health (ICB):",
}


class FirstRunDialog(FormDialog):
    """Nothing is imposed: the fields start empty, the Leeds example one click away."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Welcome to LSCP Desktop")
        with store.session() as session:
            self.example = first_run.current_partners(session)
            user_name = settings.get(session, settings.USER_NAME)

        guide = QLabel(GUIDE)
        guide.setWordWrap(True)
        self.user_name = QLineEdit(user_name)
        self.user_name.setAccessibleName("Your name")
        self.user_name.setPlaceholderText("signs the minutes and decision records you approve")
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName("The partnership's name")
        self.organisation.setPlaceholderText(f"e.g. {first_run.EXAMPLE_ORGANISATION}")
        form = QFormLayout()
        form.addRow("Your &name:", self.user_name)
        form.addRow("The p&artnership:", self.organisation)
        self.partners: dict[PartnerRole, tuple[QLineEdit, QLineEdit]] = {}
        for role in ROLES:
            example = self.example.get(role)
            name, short = QLineEdit(), QLineEdit()
            name.setAccessibleName(f"Name of the {first_run.ROLE_WORDS[role]}")
            short.setAccessibleName(f"Short name of the {first_run.ROLE_WORDS[role]}")
            if example is not None:
                name.setPlaceholderText(f"e.g. {example.name}")
                short.setPlaceholderText(example.short_name)
            short.setMaximumWidth(self.fontMetrics().averageCharWidth() * 16)
            row = QHBoxLayout()
            row.addWidget(name, 1)
            row.addWidget(short)
            label = QLabel(LABELS[role])
            label.setBuddy(name)  # Alt+letter goes to the partner's name
            form.addRow(label, row)
            self.partners[role] = (name, short)
        self.example_button = QPushButton("Use the Leeds &example")
        self.example_button.clicked.connect(self.use_example)
        self.keep_examples = QCheckBox(
            "&Keep the example's other agencies (hospital trusts, education, probation, legal)"
        )
        self.problem = ProblemLabel()
        self.problem.clear_on_change(
            self.organisation, *(edit for pair in self.partners.values() for edit in pair)
        )
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("&Set up", QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = buttons.addButton("Later", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(guide)
        layout.addWidget(
            QLabel("<b>Whose partnership is this?</b> The safeguarding partners' names:")
        )
        layout.addLayout(form)
        layout.addWidget(self.example_button)
        layout.addWidget(self.keep_examples)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        fit_to_screen(self, 90, 30)
        (self.organisation if user_name else self.user_name).setFocus()

    def use_example(self) -> None:
        self.organisation.setText(first_run.EXAMPLE_ORGANISATION)
        for role, (name, short) in self.partners.items():
            example = self.example.get(role)
            if example is not None:
                name.setText(example.name)
                short.setText(example.short_name)
        self.keep_examples.setChecked(True)

    def accept(self) -> None:
        partners = [
            first_run.PartnerName(role, name.text(), short.text())
            for role, (name, short) in self.partners.items()
        ]
        try:
            with self.store.session() as session:
                first_run.set_up_partnership(
                    session,
                    self.organisation.text(),
                    partners,
                    user_name=self.user_name.text(),
                    keep_other_examples=self.keep_examples.isChecked(),
                )
        except first_run.FirstRunRefused as refused:
            self.problem.setText(str(refused))
            return
        super().accept()
