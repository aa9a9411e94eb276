"""A pseudonym or case reference with a hidden direction control is refused (form, import)."""

from __future__ import annotations

import pytest

from lscp_desktop.cases import editing as cases
from lscp_desktop.cases.children import ChildEntry
from lscp_desktop.cases.editing import CaseInvalid
from lscp_desktop.interchange import InterchangeError, import_document
from lscp_desktop.store.database import Store
from tests.cases.test_editing import TODAY, a_form, messages
from tests.interchange.documents import rich_document

RLO = "\u202e"  # right-to-left override: "Child A" + RLO + "B" reads as another pseudonym


def test_case_form_refuses_direction_controls_in_pseudonym_and_reference(store: Store) -> None:
    form = a_form(
        store, reference=f"LSCP-2025-{RLO}41", children=[ChildEntry(pseudonym=f"Child {RLO}AB")]
    )
    with pytest.raises(CaseInvalid) as error, store.session() as session:
        cases.create_case(session, form, today=TODAY)
    found = messages(error)
    assert "direction control" in found["reference"]
    assert "direction control" in found["children[0].pseudonym"]


@pytest.mark.parametrize("field", ["reference", "children[0].pseudonym"])
def test_import_refuses_direction_controls_naming_the_place(store: Store, field: str) -> None:
    document = rich_document()
    if field == "reference":
        document["cases"][0]["reference"] = f"Child {RLO}A"
    else:
        document["cases"][0]["children"][0]["pseudonym"] = f"Child {RLO}A"
    with pytest.raises(InterchangeError) as raised, store.session() as session:
        import_document(session, document)
    assert str(raised.value).startswith(f"cases[0].{field}: ")
    assert "direction control" in str(raised.value)
