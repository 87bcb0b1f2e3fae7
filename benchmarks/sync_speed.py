"""How long `sync` takes when a laptop and the office each hold 10 000 records the other lacks.

    python benchmarks/sync_speed.py                                   # office and laptop both SQLite files
    python benchmarks/sync_speed.py --office postgresql+psycopg://…   # the office on PostgreSQL

Each side gets its own cases, assessments with two versions each and referrals (written in bulk, as a day's
work would leave them), then one sync merges them both ways; a second sync, with nothing new, is timed too.
Measured through models.sync in-process, which is what `te-navigator sync` runs after opening both stores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, text

UTC = dt.UTC


def fill(store, prefix: str, records: int) -> None:
    """`records` rows in all: a fifth cases, a fifth assessments, two fifths versions, a fifth referrals."""
    from te_navigator.models.sync import table_of
    from te_navigator.models.tables import Assessment, AssessmentVersion, Case, Referral, new_uid

    count = records // 5
    at = dt.datetime(2026, 11, 2, 9, tzinfo=UTC)
    with store.engine.begin() as connection:
        connection.execute(
            insert(table_of(Case)),
            [
                {
                    "uid": new_uid(),
                    "reference": f"{prefix}-{n}",
                    "created_at": at,
                    "registered_on": dt.date(2026, 11, 2),
                }
                for n in range(count)
            ],
        )
        case_ids = dict(
            connection.execute(
                text("SELECT reference, id FROM case_record WHERE reference LIKE :p"), {"p": f"{prefix}-%"}
            ).all()
        )
        connection.execute(
            insert(table_of(Assessment)),
            [
                {
                    "uid": f"{prefix}-a{n}",
                    "template_id": "tier3-jobseeker",
                    "case_id": case_ids[f"{prefix}-{n}"],
                    "created_at": at,
                    "updated_at": at,
                    "latest_version": 2,
                    "finished": False,
                }
                for n in range(count)
            ],
        )
        assessment_ids = dict(
            connection.execute(text("SELECT uid, id FROM assessment WHERE uid LIKE :p"), {"p": f"{prefix}-a%"}).all()
        )
        connection.execute(
            insert(table_of(AssessmentVersion)),
            [
                {
                    "uid": new_uid(),
                    "assessment_id": assessment_ids[f"{prefix}-a{n}"],
                    "version": v,
                    "answers": {"age": 30},
                    "saved_at": at + dt.timedelta(minutes=v),
                    "finished": False,
                    "staff": prefix,
                }
                for n in range(count)
                for v in (1, 2)
            ],
        )
        connection.execute(
            insert(table_of(Referral)),
            [
                {
                    "uid": new_uid(),
                    "case_id": case_ids[f"{prefix}-{n}"],
                    "pathway_id": "initial-phase",
                    "step_id": "initial-interview",
                    "status": "planned",
                    "planned_on": dt.date(2026, 11, 2),
                    "due_on": dt.date(2026, 11, 16),
                    "history": [
                        {"uid": new_uid(), "status": "planned", "on": "2026-11-02", "at": at.isoformat(), "by": prefix}
                    ],
                    "updated_at": at,
                    "recorded_by": prefix,
                    "updated_by": prefix,
                }
                for n in range(count)
            ],
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000, help="records on each side")
    parser.add_argument("--office", help="the office store URL (default: a new SQLite file)")
    args = parser.parse_args()

    from te_navigator.models.catalogue import seed_digest, shipped_seed_dir
    from te_navigator.models.store import Store
    from te_navigator.models.sync import sync

    folder = Path(tempfile.mkdtemp(prefix="te-navigator-sync-"))
    office_url = args.office or f"sqlite:///{folder / 'office.sqlite'}"
    laptop = Store.open(f"sqlite:///{folder / 'laptop.sqlite'}")
    office = Store.open(office_url)
    fill(office, "OFFICE", args.records)
    fill(laptop, "LAPTOP", args.records)
    digest = seed_digest(shipped_seed_dir())
    started = time.perf_counter()
    report = sync(laptop, office, digest)
    first = time.perf_counter() - started
    started = time.perf_counter()
    sync(laptop, office, digest)
    second = time.perf_counter() - started
    engine = office_url.split(":", 1)[0]
    print(
        f"sync, office on {engine}, {args.records} records new on each side: {first:.2f} s "
        f"(sent {sum(report.sent.values())}, received {sum(report.received.values())}); "
        f"again with nothing new: {second:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
