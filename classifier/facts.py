"""Facts about a letter that the law's rules turn on: who issued the contested decision, who
is denounced, whether it is a crime report, a Party matter, a dispute between citizens, a
second complaint, anonymous, already settled. Each fact has a name the rule tables use."""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifier.extract.decisions import find_references
from classifier.extract.names import UPPER
from classifier.extract.text import FoldedText, ViPattern, compile_vi
from classifier.suggestion import Fields

# Issuers and officials, by level. Order matters: the first level whose pattern matches wins.
_LEVELS: tuple[tuple[str, ViPattern], ...] = (
    ("cong_an", compile_vi(r"công an|cảnh sát|csgt|đồn biên phòng|trại giam")),
    ("toa_an", compile_vi(r"tòa án|tand|viện kiểm sát|thi hành án|chấp hành viên|thẩm phán")),
    ("nganh_doc", compile_vi(
        r"\bthuế\b|chi cục thuế|cục thuế|bảo hiểm xã hội|bhxh|hải quan|kho bạc|ngân hàng nhà nước"
        r"|bộ trưởng|\bbộ [a-zđ]|thủ tướng|chính phủ")),
    ("dang_doan_the", compile_vi(
        r"đảng ủy|tỉnh ủy|thành ủy|huyện ủy|chi bộ|ủy ban kiểm tra|mặt trận|hội nông dân"
        r"|hội cựu chiến binh|hội phụ nữ|đoàn thanh niên|liên đoàn lao động")),
    ("don_vi_su_nghiep", compile_vi(
        r"bệnh viện|trung tâm y tế|trạm y tế|trường (?:thcs|thpt|tiểu học|mầm non|đại học"
        r"|cao đẳng|trung học|phổ thông)|hiệu trưởng|văn phòng đăng ký đất đai"
        r"|trung tâm phát triển quỹ đất|ban quản lý dự án|công ty (?:tnhh mtv |cổ phần )?"
        r"(?:cấp nước|cấp thoát nước|thủy lợi|môi trường đô thị|điện lực)|điện lực|\bevn"
        r"|ban quản lý chợ|ban quản lý rừng|bưu điện")),
    ("chi_cuc", compile_vi(r"chi cục|hạt kiểm lâm|hạt trưởng")),
    ("so", compile_vi(r"\bsở\b|giám đốc sở|thanh tra sở")),
    ("tinh", compile_vi(
        r"(?:ubnd|ủy ban nhân dân|chủ tịch|phó chủ tịch)(?: ubnd| ủy ban nhân dân)? "
        r"(?:tỉnh|thành phố (?:hà nội|hồ chí minh|hải phòng|đà nẵng|cần thơ|huế)|tp\.? ?hcm"
        r"|thành phố\b(?! thuộc))|\btỉnh\b")),
    ("xa", compile_vi(
        r"(?:ubnd|ủy ban nhân dân|chủ tịch|phó chủ tịch|cán bộ|công chức|địa chính)"
        r"(?: ubnd| ủy ban nhân dân)? (?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã)"
        r"|\b(?:xã|phường|huyện|quận|thị xã|thị trấn)\b")),
)

# The position of a denounced person, most specific first ("tố cáo ông X, Phó Chủ tịch UBND
# xã Y" → chu_tich_xa: the provincial chairman settles).
_ROLES: tuple[tuple[str, ViPattern], ...] = (
    ("cong_an", compile_vi(r"công an|cảnh sát|csgt|điều tra viên")),
    ("toa_an", compile_vi(r"thẩm phán|chấp hành viên|thi hành án|kiểm sát viên|thư ký tòa")),
    ("chu_tich_tinh", compile_vi(
        r"(?:phó )?chủ tịch (?:ubnd |ủy ban nhân dân )?(?:tỉnh|thành phố (?:hà nội|hồ chí minh"
        r"|hải phòng|đà nẵng|cần thơ|huế))")),
    ("giam_doc_so", compile_vi(r"(?:phó )?giám đốc sở")),
    ("can_bo_so", compile_vi(
        r"(?:cán bộ|chuyên viên|công chức|thanh tra viên|trưởng phòng|phó trưởng phòng"
        r"|kế toán)[^.;\n]{0,40}\bsở\b")),
    ("nganh_doc", compile_vi(r"\bthuế\b|bảo hiểm xã hội|bhxh|hải quan|kho bạc|kiểm lâm")),
    ("chu_tich_xa", compile_vi(
        r"(?:phó )?chủ tịch (?:ubnd |ủy ban nhân dân )?(?:xã|phường|thị trấn|đặc khu)")),
    ("vien_chuc", compile_vi(
        r"giáo viên|hiệu trưởng|hiệu phó|bác sĩ|điều dưỡng|bệnh viện|trạm y tế|trung tâm y tế"
        r"|trường (?:thcs|thpt|tiểu học|mầm non)|giám đốc (?:bệnh viện|trung tâm)")),
    ("can_bo_xa", compile_vi(
        r"(?:cán bộ|công chức|địa chính|tư pháp|kế toán|văn phòng|chỉ huy trưởng|văn hóa"
        r"|trưởng thôn|trưởng ấp|trưởng bản|trưởng khu phố|tổ trưởng)[^.;\n]{0,40}"
        r"(?:xã|phường|thị trấn|đặc khu|thôn|ấp|bản|khu phố|tổ dân phố)|trưởng (?:thôn|ấp|bản)")),
    ("dang", compile_vi(r"bí thư|đảng ủy|chi bộ|đảng viên")),
)

# Whom the writer asks to act: "Đề nghị Sở Giáo dục bố trí thêm giáo viên".
_REQUEST = compile_vi(
    r"(?:kính đề nghị|đề nghị|kiến nghị|kính mong|kính xin|yêu cầu|mong)\s+(?:các\s+|ông\s+"
    r"|lãnh đạo\s+)?"
)
_RECEPTION = compile_vi(r"tiếp (?:công )?dân")
REQUEST_WINDOW = 45

_CRIME = compile_vi(
    r"tố giác|tội phạm|lừa đảo|chiếm đoạt|khởi tố|cố ý gây thương tích|đánh bạc|cá độ"
    r"|ma túy|trộm|cướp|giết|hiếp|xâm hại|buôn bán người|cho vay nặng lãi|tín dụng đen"
    r"|đe dọa giết|bắt cóc|làm giả|tiền giả|buôn lậu|đâm chém|đốt nhà|hành hung"
)
_PARTY = compile_vi(
    r"đảng viên|điều lệ đảng|kỷ luật đảng|khai trừ|ủy ban kiểm tra|sinh hoạt (?:đảng|chi bộ)"
    r"|đảng phí|chi bộ|cấp ủy|quy định của đảng|tư cách đảng viên"
)
# Disputes between private persons: over land, boundaries, passages, drainage (commune
# mediation first) or over money, contracts, inheritance (the courts).
_LAND_DISPUTE = compile_vi(
    r"tranh chấp (?:đất|ranh giới|lối đi|quyền sử dụng|bờ|mương|đồi|rẫy|nương|ruộng)"
    r"|lấn (?:chiếm )?(?:sang|qua) (?:phần )?(?:đất|ruộng|vườn)|ranh giới|mốc giới|lối đi"
    r"|bịt (?:lối|đường)|xả (?:nước )?(?:thải )?(?:sang|qua) (?:đất )?nhà tôi|thoát nước"
    r"|cây (?:nhà|của) (?:ông|bà)[^.]{0,40}(?:sang|đè)|chia đất"
)
_CIVIL_DISPUTE = compile_vi(
    r"thừa kế|di sản|di chúc|chia (?:lại )?(?:tài sản|tiền|phần)|hợp đồng (?:mua bán|đặt cọc"
    r"|vay|chuyển nhượng|xây dựng|tặng cho|hùn)|vay (?:tiền|nợ)|\bnợ\b|đòi (?:lại )?(?:tiền|nợ"
    r"|quyền lợi)|trả (?:lại )?(?:tiền|nợ)|hụi|họ\b|sính lễ|ly hôn|nuôi con|cấp dưỡng"
    r"|sang tên cho tôi|tiền cọc|đặt cọc|bồi thường[^.]{0,30}(?:nhà tôi|cho tôi)|phần hùn"
)
# The other side of the dispute is a private person or family, not an authority.
_BETWEEN_CITIZENS = compile_vi(
    r"buộc (?:ông|bà|anh|chị|cô|chú|bác|gia đình|em|con) |giữa (?:gia đình tôi|nhà tôi|hai nhà"
    r"|hai gia đình|hai bên|hai hộ|anh em)|với (?:gia đình|nhà) (?:ông|bà|anh|chị)"
    r"|(?:anh|chị|em) (?:trai|gái|ruột|rể|dâu) tôi|hàng xóm|nhà bên cạnh|hộ liền kề"
    r"|hòa giải|(?:ông|bà|anh|chị) [a-zđ]+ (?:không chịu|không trả|xây|lấn|bịt|đòi)"
)
_MEDIATION = compile_vi(r"hòa giải")
_SETTLED = compile_vi(
    r"đã có hiệu lực pháp luật|bản án (?:phúc thẩm|có hiệu lực)|giám đốc thẩm|quyết định giải"
    r" quyết (?:khiếu nại )?lần hai|đã (?:được )?giải quyết (?:dứt điểm|lần hai|xong)"
    r"|giải quyết lần hai|đã trả lời nhiều lần|gửi đơn (?:đi )?(?:nhiều nơi|khắp nơi)"
    r"|lần thứ \d{2}|kết thúc việc giải quyết|đã (?:có văn bản |bằng văn bản )?trả lời"
    r"[^.]{0,200}(?:vẫn|chưa thỏa đáng|không đồng ý)"
)
_RESENT = compile_vi(
    r"(?:đã|từng) gửi đơn[^.]{0,80}(?:nay|lại|tiếp|lần nữa|chưa (?:được|thấy))"
    r"|gửi lại đơn|nay gửi lại|gửi (?:lại|thêm) (?:xã|tỉnh|huyện|sở|đơn)"
    r"|đơn (?:này là )?lần (?:thứ )?(?:hai|2|ba|3)[^.]{0,30}(?:cùng|về)"
    r"|lần thứ (?:\d|hai|ba|tư|năm) (?:tôi |chúng tôi )?gửi|\(lần thứ \d\)"
    r"|chưa (?:được|thấy) (?:trả lời|giải quyết|phản hồi)|thông báo thụ lý"
    r"|(?:nội dung|như đơn trước)[^.]{0,20}(?:không thay đổi|không có gì mới)|bản sao đơn"
)
_EVIDENCE = compile_vi(
    r"\d{1,2}/\d{1,2}/\d{2,4}|\d+ (?:triệu|tỷ|m2|m²|ha|lô|hộ|tấn)|số (?:\d|tiền)|biên lai"
    r"|hình ảnh|ảnh chụp|video|ghi âm|hồ sơ|sổ sách|danh sách|có thể kiểm tra|kiểm tra tại"
    r"|người làm chứng|tài liệu kèm"
)
_NAMED_PERSON = re.compile(f"(?i:ông|bà|anh|chị|ong|ba|chi)[ \t]+[{UPPER}]")
_DENOUNCE = compile_vi(r"tố cáo|tố giác|phản ánh sai phạm")
# Who is denounced: "tố cáo ông X, Chủ tịch UBND xã Y".
_TARGET_WINDOW = 220
_ACT_STARTS = re.compile(
    r"[.:;\n]|\b(?:da|dang|co hanh vi|ve viec|ve hanh vi|vi|nhan|lam|thu|ep|danh|lua|gui|de nghi"
    r"|kinh|chiem|su dung|lap|ky|cap|cho|khong)\b")


LEVELS = tuple(level for level, _ in _LEVELS)
ROLES = tuple(role for role, _ in _ROLES)
# Every fact name a rule table may test (classifier/rules/README.md explains each).
KNOWN_FACTS = frozenset({
    "to_giac_toi_pham", "dang_vien", "tranh_chap_dat", "tranh_chap_dan_su", "hoa_giai",
    "da_giai_quyet", "gui_lai", "trung_don", "giua_cong_dan", "nac_danh_co_chung_cu",
    "nac_danh_khong_chung_cu", "mao_danh", "lan_hai", "tinh_khac", "thuoc_tham_quyen",
    "thuoc_tham_quyen_chac_chan", "qua_thoi_hieu",
    "khieu_nai", "to_cao", "kien_nghi_phan_anh",
    *(f"qd_cua_{level}" for level in LEVELS),
    *(f"giai_quyet_lan_dau_{level}" for level in LEVELS),
    *(f"bi_to_cao_{role}" for role in ROLES),
    *(f"de_nghi_{level}" for level in LEVELS),
    *(f"gui_{level}" for level in LEVELS),
})


@dataclass(frozen=True)
class Facts:
    names: frozenset[str]
    issuer_level: str | None = None  # level of the contested decision's issuer
    settlement_level: str | None = None  # level of the first settlement (second complaints)
    denounced_level: str | None = None
    issuer: str | None = None  # the contested decision's issuer as written
    requested: str | None = None  # the body the writer asks to act, as written
    decision_date: str | None = None  # ISO date of the contested (or settlement) decision

    def has(self, name: str) -> bool:
        return name in self.names


def level_of(text: str) -> str | None:
    """The level of a body or official named in text ("Chủ tịch UBND xã X" → "xa")."""
    letter = FoldedText(text)
    for level, pattern in _LEVELS:
        if letter.search_vi(pattern):
            return level
    return None


def _denounced_role(letter: FoldedText) -> str | None:
    """The position of the person a denunciation names, from the sentence that denounces."""
    match = letter.search_vi(_DENOUNCE)
    if not match:
        return None
    window = letter.original[match.end(): match.end() + _TARGET_WINDOW]
    # The denounced person and their position come before the act: "tố cáo ông X, Chủ tịch
    # UBND xã Y, đã ..."; what follows (the act, whom the writer asks) is not their position.
    stop = _ACT_STARTS.search(FoldedText(window).folded)
    sentence = FoldedText(window[: stop.start()] if stop else window)
    for role, pattern in _ROLES:
        if sentence.search_vi(pattern):
            return role
    return None


# Where the name of the body asked ends: the verb of the request.
_REQUEST_VERB = re.compile(
    r"\s(?:khao sat|xem xet|bo tri|kiem tra|giai quyet|xu ly|cho|som|keo|sua|lap|dua|tao"
    r"|can thiep|buoc|cap|thu hoi|huy|chi dao|lam ro|to chuc|nang|ho tro|quan tam|dieu tra"
    r"|truy|thanh tra|thay|bo sung|tra loi|huong dan|bao|de|giup|cong khai|dung|tam|hoan"
    r"|thuc hien|dieu chinh|khac phuc|trong|co|ve|phai|nhanh chong|khan truong|xac minh)\b"
)
MAX_BODY_WORDS = 12


def _body_phrase(text: str) -> str | None:
    """The name a request opens with: "Công ty Điện lực Nghệ An" of "Công ty Điện lực Nghệ An
    khảo sát, nâng công suất..."."""
    verb = _REQUEST_VERB.search(FoldedText(text).folded)
    phrase = (text[: verb.start()] if verb else text).strip(" ,")
    words = phrase.split()
    if not 2 <= len(words) <= MAX_BODY_WORDS or not phrase[:1].isupper():
        return None
    return phrase


def _requested(letter: FoldedText) -> tuple[str | None, str | None]:
    """(level, name as written) of the body the writer asks to act, from the first request
    that names one."""
    for match in letter.finditer_vi(_REQUEST):
        window = letter.original[match.end(): match.end() + REQUEST_WINDOW]
        clause = re.split(r"[.;:\n]", window)[0]
        level = level_of(clause)
        if level:
            return level, _body_phrase(clause)
    return None, None


def _addressed_level(fields: Fields) -> str | None:
    """The level of the first addressee that is not a citizen reception board."""
    for addressee in fields.kinh_gui:
        if not FoldedText(addressee).search_vi(_RECEPTION):
            level = level_of(addressee)
            if level:
                return level
    return None


def find_facts(text: str, fields: Fields, *, loai_don: str | None = None,
               duplicate: bool = False,
               office_province: str | None = None) -> Facts:
    """Every fact the rule tables can test, from the text and the extracted fields."""
    letter = FoldedText(text)
    names: set[str] = set()

    def flag(name: str, pattern: ViPattern) -> None:
        if letter.search_vi(pattern):
            names.add(name)

    flag("to_giac_toi_pham", _CRIME)
    flag("dang_vien", _PARTY)
    flag("tranh_chap_dat", _LAND_DISPUTE)
    flag("tranh_chap_dan_su", _CIVIL_DISPUTE)
    flag("hoa_giai", _MEDIATION)
    flag("da_giai_quyet", _SETTLED)
    flag("gui_lai", _RESENT)
    if duplicate:
        names.add("trung_don")
    if fields.danh_tinh == "nac_danh":
        evidence = letter.search_vi(_EVIDENCE) and _NAMED_PERSON.search(letter.original)
        names.add("nac_danh_co_chung_cu" if evidence else "nac_danh_khong_chung_cu")
    if fields.danh_tinh == "mao_danh":
        names.add("mao_danh")
    if fields.lan_khieu_nai == 2:
        names.add("lan_hai")
    references = [r for r in find_references(letter) if r.co_quan]
    contested = [r for r in references if not r.is_settlement] or references
    issuer_level = level_of(contested[0].co_quan or "") if contested else None
    settlement_level = None
    decision = contested[0] if contested else None
    if fields.lan_khieu_nai == 2:
        settled = [r for r in references if r.is_settlement] or references[-1:]
        settlement_level = level_of(settled[0].co_quan or "") if settled else None
        decision = settled[0] if settled else decision
    denounced = _denounced_role(letter)
    requested_level, requested = _requested(letter)
    for prefix, level in (("qd_cua_", issuer_level), ("giai_quyet_lan_dau_", settlement_level),
                          ("bi_to_cao_", denounced), ("de_nghi_", requested_level),
                          ("gui_", _addressed_level(fields))):  # e.g. qd_cua_xa, gui_so
        if level:
            names.add(prefix + level)
    # A dispute between private persons, unless an authority's decision is what is contested.
    if (names & {"tranh_chap_dat", "tranh_chap_dan_su"}) and letter.search_vi(_BETWEEN_CITIZENS) \
            and not names & {"qd_cua_" + level for level in LEVELS}:
        names.add("giua_cong_dan")
    if office_province and fields.tinh and fields.tinh != office_province:
        names.add("tinh_khac")
    if loai_don:
        names.add(loai_don)
    return Facts(names=frozenset(names), issuer_level=issuer_level,
                 settlement_level=settlement_level, denounced_level=denounced,
                 issuer=contested[0].co_quan if contested else None, requested=requested,
                 decision_date=decision.ngay if decision else None)
