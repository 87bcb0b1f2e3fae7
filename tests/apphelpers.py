"""Helpers for Pilot tests: an app on a test store, and waiting for its workers instead of sleeping."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from rich.text import Text
from textual.widgets import OptionList, Static

from te_navigator.tui.app import TeNavigatorApp


def make_app(store_url: str, lang: str = "fi", today=None) -> TeNavigatorApp:
    return TeNavigatorApp(store_url, lang=lang, theme="dark", steady=True, today=today)


async def settle(pilot) -> None:
    """Waits until the store workers have answered, including calls their answers started, the keys the app held
    until its screen was ready have been acted on, and the screen has been drawn."""
    for _round in range(20):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        if pilot.app.held_keys or not pilot.app.settled():
            await keys_handled(pilot)
            continue
        if not any(worker.is_running for worker in pilot.app.workers):
            break
    check_no_unexpected_errors(pilot.app)


async def keys_handled(pilot) -> None:
    """Waits until every key the app held has been released and acted on (the app is settled again)."""
    app = pilot.app
    for _round in range(2000):
        releaser = app.key_releaser
        if releaser is not None and not releaser.done():
            await releaser
        if not app.held_keys and app.settled():
            break
        await pilot.pause()
    check_no_unexpected_errors(app)


def check_no_unexpected_errors(app) -> None:
    """The app survives an unexpected error (tui/guard.py); a test still fails on it, unless it expects one."""
    if app.unexpected_errors and not getattr(app, "errors_expected", False):
        raise app.unexpected_errors[0]


async def wait_for(pilot, condition: Callable[[], bool], what: str, timeout: float = 5.0) -> None:
    """Waits until `condition()` holds: for what a timer or another task brings, rather than a fixed sleep."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"still waiting after {timeout} s for {what}")
        await pilot.pause(0.01)


def static_text(app, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


def option_texts(app, selector: str) -> list[str]:
    option_list = app.screen.query_one(selector, OptionList)
    texts = []
    for index in range(option_list.option_count):
        prompt = option_list.get_option_at_index(index).prompt
        texts.append(prompt.plain if isinstance(prompt, Text) else str(prompt))
    return texts


def highlighted_id(app, selector: str) -> str | None:
    option_list = app.screen.query_one(selector, OptionList)
    if option_list.highlighted is None:
        return None
    return option_list.get_option_at_index(option_list.highlighted).id


def footer_descriptions(app) -> list[str]:
    return [active.binding.description for active in app.screen.active_bindings.values() if active.binding.show]


async def choose_option(pilot, selector: str, option_id: str) -> None:
    """Focuses an option list, highlights the option with `option_id` and presses Enter on it."""
    option_list = pilot.app.screen.query_one(selector, OptionList)
    option_list.focus()
    option_list.highlighted = next(
        i for i in range(option_list.option_count) if option_list.get_option_at_index(i).id == option_id
    )
    await pilot.press("enter")
    await settle(pilot)
