"""Addresses → the province after the 1 July 2025 merger, offline: the network is blocked and
any attempt to reach it fails the test (a denouncer's address is a state secret)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from classifier.extract.addresses import find_writer_address
from classifier.extract.places import official_commune, place_of, provinces_named
from classifier.extract.text import FoldedText


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[:2]))
        raise NetworkUsed(f"network access attempted: {args[:2]!r}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield attempts
    assert not attempts, attempts


@pytest.mark.parametrize(("address", "province"), [
    ("ấp Hòa Phuông, xã Hòa Tú, huyện Mỹ Xuyên, tỉnh Sóc Trăng", "Cần Thơ"),
    ("so 12 duong Nguyen Trai, phuong 3, TP Soc Trang, tinh Soc Trang", "Cần Thơ"),
    ("khu phố 4, phường Uyên Hưng, thành phố Tân Uyên, tỉnh Bình Dương", "Hồ Chí Minh"),
    ("Ấp 5, Xã Xuân Tâm, Huyện Xuân Lộc, Tỉnh Đồng Nai", "Đồng Nai"),
    ("thôn Đông Hải, xã Quảng Ngọc, huyện Quảng Xương, tỉnh Thanh Hóa", "Thanh Hóa"),
    ("thôn Trà Đoài, xã Kiến Xương, tỉnh Hưng Yên", "Hưng Yên"),
    ("tổ 5, phường Thái Bình, tỉnh Thái Bình", "Hưng Yên"),
    ("bản Nà Đon, xã Chợ Mới, tỉnh Bắc Kạn", "Thái Nguyên"),
    ("thôn 6, xã Đắk Mil, tỉnh Đắk Nông", "Lâm Đồng"),
    ("phường Tân An, TP Cần Thơ", "Cần Thơ"),
    ("số 22 đường số 17, phường Tân Hưng, TP.HCM", "Hồ Chí Minh"),
    ("thôn Đông Lao, xã Hoài Đức, Hà Nội", "Hà Nội"),
    ("tổ 3, phường Phú Hội, thành phố Huế", "Huế"),
    ("xã Hương Trà, tỉnh Thừa Thiên Huế", "Huế"),
    ("thôn Phú Kinh, xã Triệu Phong, tỉnh Quảng Trị", "Quảng Trị"),
    ("phường 2, thị xã Vĩnh Châu, tỉnh Sóc Trăng", "Cần Thơ"),
])
def test_provinces_after_the_merger_offline(no_network: list[str], address: str,
                                            province: str) -> None:
    assert place_of(address).province == province


def test_old_wards_map_to_new_ones_offline(no_network: list[str]) -> None:
    # An old ward split between new wards, with a street: the library would geocode it online.
    place = place_of("Ấp 5, Xã Xuân Tâm, Huyện Xuân Lộc, Tỉnh Đồng Nai")
    assert place.province == "Đồng Nai" and place.ward
    assert place_of("thôn Đông Hải, xã Quảng Ngọc, huyện Quảng Xương, tỉnh Thanh Hóa").ward == \
        "Xã Quảng Ngọc"


def test_the_library_alone_would_have_gone_online(monkeypatch: pytest.MonkeyPatch) -> None:
    """Why places.py strips streets and refuses geocoding: the converter asks ArcGIS."""
    import vietnamadminunits
    from vietnamadminunits.converter import converter_2025

    calls: list[str] = []
    monkeypatch.setattr(converter_2025, "get_geo_location", lambda a: calls.append(a))
    vietnamadminunits.convert_address("Ấp 5, Xã Xuân Tâm, Huyện Xuân Lộc, Tỉnh Đồng Nai")
    assert calls, "the library no longer geocodes: the guard in places.py may go"


def test_commune_spelling_is_restored_offline(no_network: list[str]) -> None:
    assert official_commune("xã", "Nghi Loc", "Nghệ An") == "xã Nghi Lộc"
    assert official_commune("phường", "Tan An", "Cần Thơ") == "phường Tân An"
    assert official_commune("xã", "Khong Co That", "Nghệ An") is None


def test_the_writer_address_not_the_addressee_or_the_old_name(no_network: list[str]) -> None:
    letter = FoldedText(
        "Kính gửi: UBND tỉnh Ninh Bình\n\nChúng tôi là các hộ dân xóm 5, thôn Nam Phú, xã Hải "
        "Hậu, tỉnh Ninh Bình (trước là huyện Hải Hậu, Nam Định), đề nghị ...")
    address = find_writer_address(letter, after=letter.original.index("Chúng"))
    assert address is not None
    assert address.text == "xóm 5, thôn Nam Phú, xã Hải Hậu, tỉnh Ninh Bình"
    assert provinces_named("Ở xã Phụng Hiệp (trước là tỉnh Hậu Giang)") == ["Cần Thơ"]
