"""An image on a page in the browser: shown and its picture loaded (a page may be visible
before its image has arrived, under load seconds later)."""
from __future__ import annotations

from playwright.sync_api import Locator, expect

LOADED = "img => img.complete && img.naturalWidth > 0"


def expect_loaded(image: Locator, timeout: float = 30_000) -> None:
    """Fails unless the image is visible and its picture loaded within ``timeout`` ms."""
    expect(image).to_be_visible()
    image.page.wait_for_function(LOADED, arg=image.element_handle(), timeout=timeout)
    assert image.evaluate("img => img.naturalWidth") > 0
