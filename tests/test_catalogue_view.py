"""The app's typed catalogue (models/catalogue_view.py) and the first paint's names (models/first_paint.py): the
same content as the store gives, and the first paint without pydantic."""

from __future__ import annotations

import subprocess
import sys

from te_navigator.models.catalogue_reads import export_names
from te_navigator.models.catalogue_view import CatalogueView
from te_navigator.models.entities import Municipality, Pathway, Service, Term
from te_navigator.models.filters import ServiceFilter, services_in_group
from te_navigator.models.first_paint import FirstPaint
from te_navigator.models.shipped_catalogue import read_shipped


def test_the_view_from_the_snapshot_is_the_view_from_the_store(store):
    from_store = CatalogueView.read(store)
    assert CatalogueView.from_export(store.export()) == from_store
    assert CatalogueView.from_export(read_shipped()) == from_store  # the first start's snapshot, validated
    assert all(isinstance(s, Service) for s in from_store.services) and len(from_store.services) >= 90


def test_lookups_by_id_and_names(store):
    catalogue = CatalogueView.read(store)
    palkkatuki = catalogue.service("palkkatuki")
    assert palkkatuki is not None and palkkatuki.name.text("sv") == "Lönesubvention"
    assert catalogue.service("no-such-service") is None
    assert catalogue.entity("palkkatuki") == ("service", palkkatuki)
    kind, loviisa = catalogue.entity("loviisa")
    assert kind == "municipality" and isinstance(loviisa, Municipality) and loviisa.name.sv == "Lovisa"
    assert isinstance(catalogue.find("term", "keha"), Term)
    assert catalogue.entity("challenging-position")[0] == "service_line"  # a pathway of that id comes after it
    pathway = catalogue.find("pathway", "challenging-position")
    assert isinstance(pathway, Pathway) and pathway == store.pathway("challenging-position")
    assert catalogue.find("checklist", "tier3-jobseeker") == store.checklist("tier3-jobseeker")
    exported = export_names(store.export())
    assert {kind: catalogue.names()[kind] for kind in exported} == exported


def test_the_first_paint_lists_what_the_typed_map_lists(store):
    catalogue = CatalogueView.read(store)
    painted = FirstPaint.from_export(read_shipped())
    assert [(g.id, g.name.text("sv")) for g in painted.groups] == [(g.id, g.name.sv) for g in catalogue.groups]
    for group in catalogue.groups:
        typed = services_in_group(catalogue.services, group.id, ServiceFilter())
        assert [(s.id, s.name.text("fi")) for s in painted.services_in_group(group.id)] == [
            (s.id, s.name.fi) for s in typed
        ]


def test_the_first_paint_imports_no_pydantic():
    code = (
        "import sys\n"
        "from te_navigator.models.first_paint import FirstPaint\n"
        "from te_navigator.models.shipped_catalogue import read_shipped\n"
        "import te_navigator.tui.service_map\n"
        "painted = FirstPaint.from_export(read_shipped())\n"
        "assert painted.services_in_group(painted.groups[0].id)\n"
        "print(' '.join(m for m in ('pydantic', 'sqlalchemy') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
