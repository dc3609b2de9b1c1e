"""Continue goes to the next unfinished lesson; trainees meet their own module first."""

from __future__ import annotations

from pathlib import Path

from ketatui.content.cache import load_catalog_cached
from ketatui.content.catalog import Catalog
from ketatui.learning.session import LearnerSession
from ketatui.progress.store import ProgressStore
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.lesson import LessonScreen

LESSONS = Path(__file__).resolve().parents[2] / "lessons"


def pass_lesson(store: ProgressStore, profile_id: int, lesson_id: str) -> None:
    store.save_page(profile_id, lesson_id, 2)
    attempt = store.start_attempt(profile_id, lesson_id, ["q"])
    store.record_answer(attempt.id, "q", 0, True)
    store.finish_attempt(attempt.id, 1.0, True, "hash")


async def test_continue_after_a_finished_lesson_opens_the_next_unfinished(
    ui_catalog: Catalog, data_dir: Path
) -> None:
    with ProgressStore.open(data_dir) as store:
        sam = store.create_profile("Sam")
        pass_lesson(store, sam.id, "first-lesson")  # the lesson touched last
        app = KetatuiApp(ui_catalog, store, show_notice=False, profile=sam)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, LessonScreen)
            assert app.screen.entry.id == "second-lesson"


def test_continue_keeps_to_an_unfinished_lesson_and_says_when_all_are_passed(
    ui_catalog: Catalog, data_dir: Path
) -> None:
    with ProgressStore.open(data_dir) as store:
        sam = store.create_profile("Sam")
        session = LearnerSession(ui_catalog, store, profile_id=sam.id, profile_name="Sam")
        store.save_page(sam.id, "second-lesson", 0)
        entry = session.continue_lesson()
        assert entry is not None and entry.id == "second-lesson"  # in progress: stay
        pass_lesson(store, sam.id, "second-lesson")
        entry = session.continue_lesson()
        assert entry is not None and entry.id == "first-lesson"  # wraps round
        pass_lesson(store, sam.id, "first-lesson")
        assert session.continue_lesson() is None


def test_trainees_reach_the_trainee_module_first(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KETATUI_CACHE_DIR", str(tmp_path))
    catalog = load_catalog_cached(LESSONS)
    trainee = catalog.lessons("trainee")
    assert trainee[0].module_id == catalog.modules_for("trainee")[0].id
    assert all(e.card.tracks == ("trainee",) for e in trainee[:7])
    assert len(trainee) == len(catalog.lessons(None))  # nothing left out
    # Patients and "all" keep the course order.
    assert [m.id for m in catalog.modules_for(None)] == [m.id for m in catalog.modules]
    assert [e.id for e in catalog.lessons("patient")] == [
        e.id for m in catalog.modules for e in m.lessons if "patient" in e.card.tracks
    ]
