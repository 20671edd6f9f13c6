from classifier.normalize import canonical, folded, has_diacritics, unify_tone_placement


def test_tone_placement_is_unified() -> None:
    assert unify_tone_placement("hoà thuỷ khoẻ Hoà") == "hòa thủy khỏe Hòa"
    assert unify_tone_placement("quý hoàng thoại khuất") == "quý hoàng thoại khuất"


def test_canonical_and_folded_views() -> None:
    assert canonical("ĐƠN  KHIẾU NẠI (lần 2)") == "đơn khiếu nại lần 2"
    assert folded("Đơn khiếu nại") == "don khieu nai"
    assert folded("Don khieu nai") == folded("Đơn khiếu nại")


def test_has_diacritics() -> None:
    assert has_diacritics("Tôi làm đơn này kính gửi")
    assert not has_diacritics("Toi lam don nay kinh gui")
