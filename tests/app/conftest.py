"""The app tier's AppTest runs: Streamlit's search for installed components, done once per session."""

from __future__ import annotations

from functools import cache

from streamlit.components.v2 import manifest_scanner

_scan = manifest_scanner.scan_component_manifests


@cache
def _scanned(max_workers: int | None) -> tuple:
    return tuple(_scan(max_workers))


def _scan_once(max_workers: int | None = None) -> list:
    return list(_scanned(max_workers))


# Each new AppTest reads the metadata of every installed distribution (about 400 here) to find custom
# components before its first run: 0.2 s of CPU, and AppTest is created anew for most views the app tier
# renders. The installed packages do not change during a test session, so the scan is done once.
manifest_scanner.scan_component_manifests = _scan_once
