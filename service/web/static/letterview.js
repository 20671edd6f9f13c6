// What the letter screen shows but the officer does not edit: the text by page (or a text box
// for a page that needs transcription), the deadlines, the reasons, the extracted facts.

import { highlightText } from "./highlight.js";
import { el, formatDate, label, percent, valueNode } from "./ui.js";

const DANH_TINH = { co_ten: "Có tên", nac_danh: "Nặc danh", mao_danh: "Mạo danh" };
const DEADLINE_NAMES = {
  xu_ly_don: "Hạn xử lý đơn",
  thu_ly: "Hạn thụ lý",
  giai_quyet: "Hạn giải quyết",
  thoi_hieu_khieu_nai: "Thời hiệu khiếu nại",
};
const DEADLINE_VALUES = {
  ok: "Còn trong thời hiệu",
  het_han: "Đã hết thời hiệu",
  expired: "Đã hết thời hiệu",
  unknown: "Chưa xác định",
  khong_ro: "Chưa xác định",
};
const FLAG_NAMES = {
  to_giac_toi_pham: "Tố giác tội phạm",
  tranh_chap: "Tranh chấp giữa công dân",
  nhieu_noi_dung: "Đơn có nhiều nội dung",
  needs_transcription: "Có trang cần chép lại",
};

function term(name, value) {
  return [el("dt", {}, name), el("dd", {}, value instanceof Node ? value : valueNode(value))];
}

function deadlineValue(value) {
  if (value === null || value === undefined) return valueNode(null);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split("-").map(Number);
    const today = new Date();
    const days = Math.round((Date.UTC(y, m - 1, d) -
      Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())) / 86_400_000);
    const note = days < 0 ? el("span", { class: "badge badge-overdue" }, `quá hạn ${-days} ngày`)
      : el("span", { class: "muted" }, days === 0 ? "hôm nay" : `còn ${days} ngày`);
    return el("span", {}, formatDate(value), " ", note);
  }
  return document.createTextNode(DEADLINE_VALUES[value] || value);
}

export function renderDeadlines(target, deadlines) {
  const entries = Object.entries(deadlines || {});
  target.replaceChildren(...entries.flatMap(([key, value]) =>
    term(DEADLINE_NAMES[key] || key, deadlineValue(value))));
  if (!entries.length) target.append(el("dd", { class: "muted" }, "Chưa tính được thời hạn."));
}

export function renderReasons(target, reasons) {
  const items = (reasons || []).map((reason) => el("li", {}, reason));
  target.replaceChildren(...(items.length ? items : [el("li", { class: "muted" }, "Không có.")]));
}

function decisions(list) {
  if (!list || !list.length) return null;
  return list.map((d) => [d.so, d.ngay ? `ngày ${formatDate(d.ngay)}` : null, d.co_quan]
    .filter(Boolean).join(", "));
}

export function renderFields(target, suggestion) {
  const f = (suggestion && suggestion.fields) || {};
  const rows = [
    ["Người viết", f.nguoi_viet],
    ["Danh tính", DANH_TINH[f.danh_tinh] || f.danh_tinh],
    ["Số người ký", f.so_nguoi_ky],
    ["Người đại diện", f.nguoi_dai_dien],
    ["Địa chỉ", f.dia_chi],
    ["Tỉnh, thành phố", f.tinh],
    ["Số CCCD", f.cccd],
    ["Điện thoại", f.dien_thoai],
    ["Ngày viết đơn", f.ngay_viet ? formatDate(f.ngay_viet) : null],
    ["Ngày nhận", f.ngay_nhan ? formatDate(f.ngay_nhan) : null],
    ["Kính gửi", f.kinh_gui],
    ["Quyết định liên quan", decisions(f.quyet_dinh)],
    ["Lần khiếu nại", f.lan_khieu_nai],
  ];
  if (suggestion && (suggestion.cac_noi_dung || []).length > 1) {
    rows.unshift(["Các nội dung", suggestion.cac_noi_dung.map((v) => label("loai_don", v))]);
  }
  target.replaceChildren(...rows.flatMap(([name, value]) => term(name, value)));
}

export function renderFlags(target, suggestion) {
  const flags = (suggestion && suggestion.flags) || {};
  const badges = Object.entries(FLAG_NAMES).filter(([key]) => flags[key])
    .map(([, name]) => el("span", { class: "badge badge-flag" }, name));
  if (flags.duplicate_of) {
    badges.push(el("span", { class: "badge badge-flag" }, `Trùng với đơn ${flags.duplicate_of}`));
  }
  target.replaceChildren(...badges);
}

// One section per page. `drafts` holds what the officer already typed into a transcription
// box, which wins over the stored text so nothing typed is ever lost on a reload.
export function renderText(target, letter, { drafts, onPage, onDraft, onSave }) {
  const fields = letter.suggestion && letter.suggestion.fields;
  const pages = letter.pages && letter.pages.length ? letter.pages
    : [{ number: 1, text: letter.text || "", confidence: null, needs_transcription: false }];
  target.replaceChildren(...pages.map((page) => {
    const head = el("button", { type: "button", class: "page-head-button",
      onclick: () => onPage(page.number) },
    `Trang ${page.number}`,
    page.confidence !== null && page.confidence !== undefined
      ? el("span", { class: "muted" }, ` · nhận dạng ${percent(page.confidence)}`) : null,
    page.needs_transcription ? el("span", { class: "badge badge-flag" }, "Cần chép lại") : null);
    const section = el("section", { class: "page-text", "data-page": page.number }, head);
    if (page.needs_transcription && letter.status !== "confirmed") {
      const draft = drafts[page.number];
      const box = el("textarea", { class: "transcription", rows: "14", spellcheck: "false",
        "aria-label": `Nội dung trang ${page.number}`,
        placeholder: "Chép lại nội dung trang này từ ảnh bên trái…" });
      box.value = draft !== undefined ? draft : page.text || "";
      box.addEventListener("input", () => onDraft(page.number, box.value));
      box.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          event.stopPropagation();
          onSave(page.number, box.value);
        }
      });
      section.append(el("p", { class: "muted small" },
        "Ảnh trang này khó đọc: chép lại nội dung để hệ thống phân tích lại."), box,
      el("button", { type: "button", class: "small primary",
        onclick: () => onSave(page.number, box.value) }, "Lưu bản chép ", el("kbd", {}, "Ctrl+Enter")));
    } else {
      section.append(el("div", { class: "page-body" }, highlightText(page.text || "", fields)));
    }
    return section;
  }));
}
