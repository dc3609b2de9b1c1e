"""Export the learner's record from inside the app (x on the lesson list).

In a browser (`ketatui serve`) the file arrives as a real download; in a terminal Textual
saves it in the user's downloads folder. `ketatui records` does the same from the shell.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from ketatui.i18n import _

if TYPE_CHECKING:
    from textual.events import DeliveryComplete, DeliveryFailed

    from ketatui.ui.app import KetatuiApp

RECORD_DELIVERY = "ketatui-record"


def record_filename(profile_name: str) -> str:
    """`ketatui-record-<name>.csv`, with only letters, digits and dashes in the name."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", profile_name).strip("-").lower() or "learner"
    return f"ketatui-record-{slug[:40]}.csv"


def export_record(app: KetatuiApp) -> bool:
    """Deliver the current profile's record as CSV. False (and a note) when there is none."""
    from ketatui.progress.records import export_records, records_to_csv
    from ketatui.progress.store import StoreError

    session = app.session
    store = session.store
    if store is None or not session.profile_name:
        app.notify(_("Nothing is saved for this session, so there is no record."), markup=False)
        return False
    try:
        record = export_records(store, session.profile_id, app.catalog)
    except StoreError as error:
        app.notify(
            _("The record could not be read: {error}").format(error=error),
            severity="error",
            markup=False,
        )
        return False
    save_directory = None
    if not app.is_web:
        # Textual saves into the downloads folder but does not create a missing one.
        from platformdirs import user_downloads_path

        save_directory = user_downloads_path()
        try:
            save_directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            app.notify(
                _("Cannot use {folder}: {error}").format(folder=save_directory, error=error),
                severity="error",
                markup=False,
            )
            return False
    app.deliver_text(
        io.StringIO(records_to_csv(record)),
        save_directory=save_directory,
        save_filename=record_filename(session.profile_name),
        open_method="download",
        mime_type="text/csv",
        name=RECORD_DELIVERY,
    )
    return True


def delivered_note(event: DeliveryComplete) -> str | None:
    """What to tell the learner once their record was delivered (None: not the record)."""
    if event.name != RECORD_DELIVERY:
        return None
    if event.path:
        return _("Your record was saved to {path}.").format(path=event.path)
    return _("Your record was sent.")


def failed_note(event: DeliveryFailed) -> str | None:
    """What to tell the learner when their record could not be delivered."""
    if event.name != RECORD_DELIVERY:
        return None
    return _("Your record could not be saved: {error}").format(error=event.exception)
