"""All fields of a letter in one call."""

from __future__ import annotations

from datetime import date

from classifier.extract.addressees import find_addressees
from classifier.extract.addresses import find_writer_address
from classifier.extract.dates import find_date_written
from classifier.extract.decisions import complaint_round, find_references
from classifier.extract.identifiers import find_citizen_ids, find_phones
from classifier.extract.people import find_people
from classifier.extract.places import place_of, provinces_named
from classifier.extract.text import FoldedText
from classifier.suggestion import Decision, Fields


def extract_fields(text: str, *, ngay_nhan: date | None = None) -> Fields:
    """Every field of LABELS.md the text itself shows. `lan_khieu_nai` is the round the letter
    would be if it is a complaint; the caller clears it for other letter types."""
    letter = FoldedText(text)
    people = find_people(letter)
    address = find_writer_address(letter, after=people.intro_at) if people.writer else None
    place = place_of(address.text) if address else None
    named = provinces_named(letter.original)
    written = find_date_written(letter)
    return Fields(
        nguoi_viet=people.writer,
        danh_tinh=people.danh_tinh,
        so_nguoi_ky=people.signatories,
        nguoi_dai_dien=people.representatives,
        ngay_viet=written.isoformat() if written else None,
        ngay_nhan=ngay_nhan.isoformat() if ngay_nhan else None,
        dia_chi=address.text if address else None,
        tinh=(place.province if place and place.province else named[0] if named else None),
        cccd=tuple(find_citizen_ids(letter.original)),
        dien_thoai=tuple(find_phones(letter.original)),
        kinh_gui=tuple(find_addressees(letter)),
        quyet_dinh=tuple(Decision(so=r.so, ngay=r.ngay, co_quan=r.co_quan)
                         for r in find_references(letter)),
        lan_khieu_nai=complaint_round(letter),
    )
