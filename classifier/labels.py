"""The label set of shared/LABELS.md: the exact values donthu produces."""

from __future__ import annotations

LOAI_DON = ("khieu_nai", "to_cao", "kien_nghi_phan_anh")
THAM_QUYEN = (
    "ubnd_xa", "ubnd_tinh", "so_nganh", "nganh_doc",
    "cong_an", "toa_an", "dang_doan_the", "don_vi_su_nghiep",
)
XU_LY = ("thu_ly", "huong_dan", "chuyen_don", "luu_don")
XU_LY_REVIEW_ONLY = ("tra_lai", "don_doc", "tach_don")
LINH_VUC = (
    "dat_dai", "xay_dung", "moi_truong", "chinh_sach_xa_hoi", "tham_nhung",
    "tu_phap_dan_su", "hanh_chinh", "giao_duc_y_te", "trat_tu_an_ninh", "khac",
)
DANH_TINH = ("co_ten", "nac_danh", "mao_danh")

LOAI_DON_VI = {
    "khieu_nai": "Khiếu nại",
    "to_cao": "Tố cáo",
    "kien_nghi_phan_anh": "Kiến nghị, phản ánh",
}
THAM_QUYEN_VI = {
    "ubnd_xa": "Chủ tịch UBND cấp xã",
    "ubnd_tinh": "Chủ tịch UBND cấp tỉnh",
    "so_nganh": "Giám đốc Sở, ngành cấp tỉnh",
    "nganh_doc": "Cơ quan ngành dọc, trung ương",
    "cong_an": "Cơ quan công an",
    "toa_an": "Tòa án, Viện kiểm sát, Thi hành án",
    "dang_doan_the": "Tổ chức Đảng, Mặt trận, đoàn thể",
    "don_vi_su_nghiep": "Đơn vị sự nghiệp công lập, doanh nghiệp nhà nước",
}
XU_LY_VI = {
    "thu_ly": "Đề xuất thụ lý",
    "huong_dan": "Hướng dẫn người viết đơn",
    "chuyen_don": "Chuyển đơn",
    "luu_don": "Lưu đơn",
    "tra_lai": "Trả lại đơn",
    "don_doc": "Đôn đốc",
    "tach_don": "Tách đơn",
}
LINH_VUC_VI = {
    "dat_dai": "Đất đai",
    "xay_dung": "Xây dựng",
    "moi_truong": "Môi trường",
    "chinh_sach_xa_hoi": "Chính sách xã hội",
    "tham_nhung": "Tham nhũng, tiêu cực",
    "tu_phap_dan_su": "Tư pháp, dân sự",
    "hanh_chinh": "Hành chính",
    "giao_duc_y_te": "Giáo dục, y tế",
    "trat_tu_an_ninh": "Trật tự, an ninh",
    "khac": "Khác",
}
