"""Opening a page at its "Save this guide" control, as a reader does: the control's script loads
only once the control comes near the screen (issue 23, hooks/offline_app_hook.py LOADER), or at
once for a reader who saved the guide before."""
from __future__ import annotations

from playwright.sync_api import Page

SPOT = ".ot-save-offline-spot"  # offline_app_hook.SPOT: the never-hidden box around the control


def scroll_to_save_control(page: Page) -> None:
    """Scroll the page to its save control (the box around it is there, though empty, before its script loads)."""
    page.locator(SPOT).evaluate("spot => spot.scrollIntoView({block: 'center'})")


def open_at_save_control(page: Page, url: str) -> None:
    """Open `url` and scroll to its save control."""
    page.goto(url)
    scroll_to_save_control(page)
