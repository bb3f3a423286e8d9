"""The room's address for the presenter's QR code: what the phones in the room can open."""

import pytest

from district_stats.room_address import RoomAddress, files_base, is_loopback, room_address


def net(ip: str) -> str:
    return f"http://{ip}:8501"


@pytest.mark.parametrize(
    "host,loop",
    [
        ("localhost", True),
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("", True),
        (None, True),
        ("192.168.1.20", False),
        ("dc.example.org", False),
    ],
)
def test_is_loopback(host, loop):
    assert is_loopback(host) is loop


@pytest.mark.parametrize(
    "public,browser,lan,bound,want",
    [
        (
            "https://dc.example.org/",
            "http://localhost:8501/?modo=presenta",
            "192.168.1.20",
            "127.0.0.1",
            ("https://dc.example.org", True, "public_url"),
        ),
        ("", "http://192.168.1.20:8501/?modo=presenta", "10.0.0.5", "", ("http://192.168.1.20:8501", True, "browser")),
        (
            "",
            "http://localhost:8501/?modo=presenta&passo=2",
            "192.168.1.20",
            "",
            ("http://192.168.1.20:8501", True, "network"),
        ),
    ],
    ids=[
        "public_url_first",
        "the_moderators_own_network_address_is_kept",
        "localhost_in_the_browser_gives_the_machines_network_address",
    ],
)
def test_a_reachable_room_address(public, browser, lan, bound, want):
    got = room_address(public, browser, lan, bound, net)
    assert (got.base, got.reachable, got.why) == want


def test_no_network_means_this_computer_only():
    got = room_address("", "http://localhost:8501/", "127.0.0.1", "", net)
    assert (got.base, got.reachable, got.why) == ("http://localhost:8501", False, "loopback")
    assert room_address("", "http://localhost:8501/", None, "", net).reachable is False


def test_a_server_listening_on_loopback_only_cannot_be_reached_by_phones():
    got = room_address("", "http://127.0.0.1:8501/", "192.168.1.20", "127.0.0.1", net)
    assert (got.reachable, got.why) == (False, "bound")
    # behind a proxy (the browser came by a real name) the same server is reachable
    assert room_address("", "https://dc.example.org/", "192.168.1.20", "127.0.0.1", net).reachable


@pytest.mark.parametrize(
    "where,port,want",
    [
        (RoomAddress("http://192.168.1.20:8501", True, "network"), 8502, "http://192.168.1.20:8502"),
        (RoomAddress("http://[fe80::1]:8501", True, "browser"), 8502, "http://[fe80::1]:8502"),
        (RoomAddress("http://laptop.local:8501", True, "public_url"), 8502, "http://laptop.local:8502"),
        (
            RoomAddress("https://dc.example.org", True, "public_url"),
            8502,
            "https://dc.example.org",
        ),  # a proxy serves them
        (RoomAddress("http://192.168.1.20:8080", True, "browser"), 8502, "http://192.168.1.20:8080"),  # a proxy's port
        (RoomAddress("http://192.168.1.20:8501", True, "network"), None, "http://192.168.1.20:8501"),  # no file server
        (RoomAddress("http://localhost:8501", False, "loopback"), 8502, "http://localhost:8501"),
    ],
    ids=[
        "network",
        "ipv6_browser",
        "public_url_of_the_laptop",
        "public_url_of_a_proxy",
        "proxy_port",
        "no_file_server",
        "unreachable",
    ],
)
def test_phone_pages_come_from_the_rooms_file_server_when_the_address_leads_to_the_dashboard(where, port, want):
    assert files_base(where, port, 8501) == want
