// The OCR text with the extracted fields marked where they occur, so the officer can check
// each fact against the letter at a glance. Text is only ever inserted as text nodes.

import { MASK } from "./ui.js";

const KIND_TITLES = {
  person: "Người viết, người đại diện",
  place: "Địa chỉ, tỉnh",
  id: "Số CCCD, điện thoại",
  body: "Cơ quan được gửi",
  decision: "Quyết định được nhắc tới",
  date: "Ngày viết đơn",
  masked: "Danh tính được bảo vệ",
};

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// OCR breaks lines anywhere and prints "0915 338 740" for "0915338740": let the pattern bend.
function patternFor(value) {
  const text = String(value).normalize("NFC").trim();
  if (text.length < 3) return null;
  if (/^\d{6,}$/.test(text)) return text.split("").join("[\\s.\\-]?");
  return text.split(/\s+/).map(escapeRegExp).join("\\s+");
}

function datePatterns(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!match) return [];
  const [, y, m, d] = match;
  const day = `0?${Number(d)}`;
  const month = `0?${Number(m)}`;
  return [`${day}\\s*[/.\\-]\\s*${month}\\s*[/.\\-]\\s*${y}`,
    `ngày\\s+${day}\\s+tháng\\s+${month}\\s+năm\\s+${y}`];
}

function list(value) {
  if (!value) return [];
  return Array.isArray(value) ? value : [value];
}

export function fieldPatterns(fields) {
  if (!fields) return [];
  const patterns = [];
  const add = (kind, values) => {
    for (const value of list(values)) {
      if (typeof value !== "string" || value.includes(MASK)) continue;
      const source = patternFor(value);
      if (source) patterns.push({ kind, source });
    }
  };
  add("person", fields.nguoi_viet);
  add("person", fields.nguoi_dai_dien);
  add("place", fields.dia_chi);
  add("id", fields.cccd);
  add("id", fields.dien_thoai);
  add("body", fields.kinh_gui);
  add("decision", list(fields.quyet_dinh).map((d) => d && d.so));
  for (const source of datePatterns(fields.ngay_viet)) patterns.push({ kind: "date", source });
  patterns.push({ kind: "masked", source: escapeRegExp(MASK) });
  return patterns;
}

function matches(text, patterns) {
  const found = [];
  for (const { kind, source } of patterns) {
    const regex = new RegExp(source, "giu");
    for (const match of text.matchAll(regex)) {
      if (match[0].length) found.push({ start: match.index, end: match.index + match[0].length, kind });
    }
  }
  // Earliest first, longest first; a mark never overlaps another.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  let reach = 0;
  for (const item of found) {
    if (item.start >= reach) {
      kept.push(item);
      reach = item.end;
    }
  }
  return kept;
}

export function highlightText(text, fields) {
  const fragment = document.createDocumentFragment();
  const source = (text || "").normalize("NFC");
  let position = 0;
  for (const { start, end, kind } of matches(source, fieldPatterns(fields))) {
    if (start > position) fragment.append(source.slice(position, start));
    const mark = document.createElement("mark");
    mark.className = `hl hl-${kind}`;
    mark.title = KIND_TITLES[kind];
    mark.textContent = source.slice(start, end);
    fragment.append(mark);
    position = end;
  }
  if (position < source.length) fragment.append(source.slice(position));
  return fragment;
}
