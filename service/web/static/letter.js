// The letter screen: page image, text with the fields marked, the suggestion as an editable
// decision; every action from the keyboard; a 409 is explained and nothing typed is lost.

import { api } from "./api.js";
import { Combobox } from "./combobox.js";
import { renderDeadlines, renderFields, renderFlags, renderReasons, renderText } from "./letterview.js";
import { loadContext, neighbour, nextAfter } from "./queuectx.js";
import { el, isTyping, label, LABELS, percent, setupHelp, startPage, STATUS_NAMES, toast } from "./ui.js";
import { PageViewer } from "./viewer.js";

const session = startPage(["officer", "supervisor", "admin"]);
const $ = (id) => document.getElementById(id);
const form = $("decision");
const FORM_KEYS = ["loai_don", "tham_quyen", "co_quan", "xu_ly", "linh_vuc", "note"];
const JURISDICTION_WORDS = {
  ubnd_xa: "xa phuong dac khu commune",
  ubnd_tinh: "tinh thanh pho chu tich province",
  so_nganh: "so nganh giam doc department",
  nganh_doc: "thue bao hiem hai quan kho bac ngan hang bo thu tuong trung uong",
  cong_an: "cong an canh sat police",
  toa_an: "toa an vien kiem sat thi hanh an court",
  dang_doan_the: "dang uy mat tran doan the",
  don_vi_su_nghiep: "benh vien truong hoc doanh nghiep",
};

let letter = null;
let letterId = Number($("letter-bar").dataset.letterId);
let busy = false;

// ---- drafts: what the officer typed, per letter, kept until the letter is confirmed ----

const draftKey = (id) => `donthu.draft.${id}`;

function loadDraft(id) {
  try {
    return JSON.parse(sessionStorage.getItem(draftKey(id))) || null;
  } catch {
    return null;
  }
}

function saveDraft(patch) {
  const draft = { form: null, pages: {}, ...loadDraft(letterId), ...patch };
  sessionStorage.setItem(draftKey(letterId), JSON.stringify(draft));
}

function dropDraft(id) {
  sessionStorage.removeItem(draftKey(id));
}

// ---- the decision form ----

const jurisdiction = new Combobox({
  input: $("tham-quyen-input"),
  list: $("tham-quyen-list"),
  options: Object.entries(LABELS.tham_quyen).map(([value, text]) =>
    ({ value, text, keywords: JURISDICTION_WORDS[value] })),
  onPick: () => formChanged(),
  onDone: () => form.focus(),
});

function readForm() {
  return {
    loai_don: form.elements.loai_don.value,
    tham_quyen: jurisdiction.value,
    co_quan: $("co-quan").value.trim(),
    xu_ly: $("xu-ly").value,
    linh_vuc: $("linh-vuc").value,
    note: $("note").value,
  };
}

function writeForm(values) {
  for (const radio of form.elements.loai_don) radio.checked = radio.value === values.loai_don;
  jurisdiction.setValue(values.tham_quyen);
  $("co-quan").value = values.co_quan || "";
  $("xu-ly").value = values.xu_ly || "";
  $("linh-vuc").value = values.linh_vuc || "";
  $("note").value = values.note || "";
  markChanges();
}

function fromSuggestion(suggestion) {
  const s = suggestion || {};
  return { loai_don: s.loai_don || "", tham_quyen: s.tham_quyen || "", co_quan: s.co_quan || "",
    xu_ly: s.xu_ly || "", linh_vuc: s.linh_vuc || "", note: "" };
}

// Corrections stand out: every field the officer changed from the suggestion is marked.
function markChanges() {
  const now = readForm();
  const suggested = fromSuggestion(letter && letter.suggestion);
  for (const segment of document.querySelectorAll("#loai-don .segment")) {
    segment.classList.toggle("checked", segment.dataset.value === now.loai_don);
  }
  $("loai-don").classList.toggle("changed", Boolean(letter && letter.suggestion) &&
    now.loai_don !== suggested.loai_don);
  $("tham-quyen").classList.toggle("changed", now.tham_quyen !== suggested.tham_quyen);
  $("co-quan").classList.toggle("changed", now.co_quan !== suggested.co_quan);
  $("xu-ly").classList.toggle("changed", now.xu_ly !== suggested.xu_ly);
  $("linh-vuc").classList.toggle("changed", now.linh_vuc !== suggested.linh_vuc);
}

function formChanged() {
  markChanges();
  saveDraft({ form: readForm() });
}

function showSuggestionMarks(suggestion) {
  const s = suggestion || { confidence: {} };
  const confidence = s.confidence || {};
  for (const segment of document.querySelectorAll("#loai-don .segment")) {
    const mark = segment.querySelector(".suggested-mark");
    const isSuggested = segment.dataset.value === s.loai_don;
    mark.hidden = !isSuggested;
    mark.textContent = isSuggested ? `đề xuất · ${percent(confidence.loai_don)}` : "";
  }
  const marks = [["tham-quyen-suggested", "tham_quyen"], ["xu-ly-suggested", "xu_ly"],
    ["linh-vuc-suggested", "linh_vuc"]];
  for (const [id, kind] of marks) {
    const mark = $(id);
    mark.hidden = !s[kind];
    const score = confidence[kind] !== undefined ? ` · ${percent(confidence[kind])}` : "";
    mark.textContent = s[kind] ? `đề xuất: ${label(kind, s[kind])}${score}` : "";
  }
  $("abstain").hidden = !s.abstain;
}

// ---- loading a letter ----

const viewer = new PageViewer({
  image: $("page-image"), frame: $("image-frame"), pageLabel: $("page-label"),
  zoomLabel: $("zoom-label"), missing: $("image-missing"), veil: $("image-veil"),
  onPage: (number) => {
    const section = document.querySelector(`.page-text[data-page="${number}"]`);
    document.querySelectorAll(".page-text").forEach((s) => s.classList.toggle("current", s === section));
    if (section) section.scrollIntoView({ block: "nearest" });
  },
});

function showPosition() {
  const { ids } = loadContext();
  const position = ids.indexOf(letterId);
  $("queue-position").textContent = position >= 0 ? `${position + 1}/${ids.length} trong hàng chờ` : "";
}

function showError(message) {
  const box = $("letter-error");
  box.textContent = message;
  box.hidden = !message;
}

function renderLetter() {
  const draft = loadDraft(letterId) || { pages: {} };
  $("letter-title").textContent = `Đơn số ${letter.id}`;
  document.title = `Đơn số ${letter.id} · Đơn thư`;
  const status = $("letter-status");
  status.textContent = STATUS_NAMES[letter.status] || letter.status;
  status.className = `badge status-${letter.status}`;
  status.dataset.status = letter.status;
  $("letter-file").textContent = letter.filename || "";
  $("letter-file").title = letter.filename || "";
  showPosition();
  showSuggestionMarks(letter.suggestion);
  renderDeadlines($("deadlines"), letter.suggestion && letter.suggestion.deadlines);
  renderReasons($("reasons"), letter.suggestion && letter.suggestion.reasons);
  renderFields($("fields"), letter.suggestion);
  renderFlags($("flags"), letter.suggestion);
  $("identity-note").hidden = !letter.identity_masked;
  renderText($("letter-text"), letter, {
    drafts: draft.pages || {},
    onPage: (number) => viewer.show(number),
    onDraft: (number, text) => saveDraft({ pages: { ...(loadDraft(letterId) || {}).pages, [number]: text } }),
    onSave: saveTranscription,
  });
  writeForm(draft.form || fromSuggestion(letter.suggestion));
  const reviewable = letter.status === "suggested";
  $("confirm").disabled = !reviewable;
  for (const control of form.querySelectorAll("input, select")) control.disabled = !reviewable;
  if (letter.status === "confirmed" && letter.case_id && !draft.form) showDecision(letter);
  const why = {
    confirmed: `Đơn này đã được xác nhận${letter.case_id ? ` (hồ sơ số ${letter.case_id})` : ""}.`,
    failed: `Đơn này bị lỗi khi xử lý: ${letter.error || "không rõ lý do"}.`,
    received: "Đơn đang chờ hệ thống đọc; chưa có đề xuất.",
    read: "Hệ thống đang phân tích đơn; chưa có đề xuất.",
  };
  const error = $("decision-error");
  error.textContent = why[letter.status] || "";
  error.hidden = reviewable;
  error.classList.toggle("info", letter.status === "confirmed");
}

// A confirmed letter shows what was decided, marked where it differs from the suggestion.
async function showDecision(shown) {
  try {
    const decided = await api.get(`/api/cases/${shown.case_id}`);
    if (letter === shown) writeForm(fromSuggestion(decided));
  } catch {
    // The suggestion stays on screen; the status line already says the letter is confirmed.
  }
}

async function fetchLetter(id) {
  return api.get(`/api/letters/${id}`);
}

async function openLetter(id, { push = true } = {}) {
  showError("");
  $("conflict").hidden = true;
  try {
    letter = await fetchLetter(id);
  } catch (e) {
    showError(e.message);
    return;
  }
  letterId = id;
  if (push && location.pathname !== `/don/${id}`) history.pushState({ id }, "", `/don/${id}`);
  renderLetter();
  viewer.fit();
  viewer.setLetter(id, (letter.pages || []).length, { veiled: Boolean(letter.identity_masked) });
  form.focus();
}

// ---- actions ----

function decision(values) {
  const body = { loai_don: values.loai_don, tham_quyen: values.tham_quyen,
    xu_ly: values.xu_ly, linh_vuc: values.linh_vuc };
  if (values.co_quan) body.co_quan = values.co_quan;
  if (values.note.trim()) body.note = values.note.trim();
  return body;
}

function missingChoice(values) {
  const names = { loai_don: "loại đơn", tham_quyen: "thẩm quyền", xu_ly: "hướng xử lý",
    linh_vuc: "lĩnh vực" };
  const missing = Object.keys(names).filter((key) => !values[key]).map((key) => names[key]);
  return missing.length ? `Chưa chọn ${missing.join(", ")}.` : null;
}

function showConflict(error) {
  const current = error.body && error.body.current_version;
  const versions = current !== undefined && current !== null
    ? ` Bạn đang xem phiên bản ${letter.version}, phiên bản hiện tại là ${current}.` : "";
  const detail = /[.!?…]$/.test(error.message) ? error.message : `${error.message}.`;
  $("conflict-message").textContent = `${detail}${versions} Những gì bạn đã chọn và nhập ` +
    "vẫn được giữ nguyên: tải bản mới nhất để xem thay đổi rồi xác nhận lại, hoặc sang đơn tiếp theo.";
  $("conflict").hidden = false;
  $("conflict-reload").focus();
}

async function goNext(afterId) {
  let next = null;
  try {
    next = await nextAfter(afterId);
  } catch (e) {
    toast(e.message, "error");
  }
  if (next === null) {
    location.assign("/hang-cho");
    return;
  }
  await openLetter(next);
}

async function confirmLetter() {
  if (busy || !letter || letter.status !== "suggested") return;
  const values = readForm();
  const error = $("decision-error");
  const missing = missingChoice(values);
  if (missing) {
    error.textContent = missing;
    error.hidden = false;
    return;
  }
  busy = true;
  $("confirm").disabled = true;
  error.hidden = true;
  const confirmedId = letterId;
  try {
    const result = await api.post(`/api/letters/${confirmedId}/review`,
      { version: letter.version, decision: decision(values) });
    dropDraft(confirmedId);
    toast(`Đã xác nhận đơn số ${confirmedId} — hồ sơ số ${result.case_id}.`, "success");
    await goNext(confirmedId);
  } catch (e) {
    saveDraft({ form: values });
    if (e.status === 409) showConflict(e);
    else {
      error.textContent = e.message;
      error.hidden = false;
    }
  } finally {
    busy = false;
    $("confirm").disabled = !letter || letter.status !== "suggested";
  }
}

// The newest version of the letter, with the officer's own input laid back over it.
async function reloadKeepingInput() {
  saveDraft({ form: readForm() });
  try {
    letter = await fetchLetter(letterId);
  } catch (e) {
    showError(e.message);
    return;
  }
  $("conflict").hidden = true;
  renderLetter();
  if (letter.status === "confirmed") {
    toast("Đơn đã được người khác xác nhận; nội dung bạn nhập vẫn hiển thị để đối chiếu.", "info", 6000);
  } else {
    toast("Đã tải phiên bản mới nhất; lựa chọn của bạn được giữ nguyên.", "success");
  }
  form.focus();
}

async function saveTranscription(number, text) {
  if (busy) return;
  busy = true;
  try {
    await api.put(`/api/letters/${letterId}/pages/${number}/text`, { text, version: letter.version });
    const draft = loadDraft(letterId) || { pages: {} };
    const pages = { ...draft.pages };
    delete pages[number];
    saveDraft({ pages });
    toast(`Đã lưu bản chép trang ${number}; hệ thống đang phân tích lại đơn.`, "success");
    letter = await fetchLetter(letterId);
    renderLetter();
  } catch (e) {
    if (e.status === 409) showConflict(e);
    else toast(e.message, "error", 6000);
  } finally {
    busy = false;
  }
}

function step(direction) {
  const target = neighbour(letterId, direction);
  if (target === null) {
    toast(direction > 0 ? "Đây là đơn cuối trong hàng chờ." : "Đây là đơn đầu tiên trong hàng chờ.");
    return;
  }
  openLetter(target);
}

// ---- keyboard ----

function setLoaiDon(index) {
  const value = Object.keys(LABELS.loai_don)[index];
  if (!value || !letter || letter.status !== "suggested") return;
  writeForm({ ...readForm(), loai_don: value });
  formChanged();
}

function focusField(id) {
  const field = $(id);
  field.focus();
  if (field.select) field.select();
}

const KEYS = {
  1: () => setLoaiDon(0),
  2: () => setLoaiDon(1),
  3: () => setLoaiDon(2),
  t: () => focusField("tham-quyen-input"),
  "/": () => focusField("tham-quyen-input"),
  c: () => focusField("co-quan"),
  x: () => focusField("xu-ly"),
  l: () => focusField("linh-vuc"),
  g: () => focusField("note"),
  j: () => step(1),
  k: () => step(-1),
  "[": () => viewer.previous(),
  "]": () => viewer.next(),
  "+": () => viewer.zoomIn(),
  "=": () => viewer.zoomIn(),
  "-": () => viewer.zoomOut(),
  0: () => viewer.fit(),
  v: () => viewer.unveil(),
  Enter: () => confirmLetter(),
};

function onKey(event, help) {
  if (event.ctrlKey || event.metaKey || event.altKey || help.isOpen()) return;
  const target = event.target;
  if (isTyping(event)) {
    if (event.key === "Escape") {
      event.preventDefault();
      form.focus();
    } else if (event.key === "Enter" && target.tagName === "SELECT") {
      event.preventDefault();
      confirmLetter();
    }
    return;  // Enter in a text field submits the form, which confirms.
  }
  if (event.key === "?") {
    event.preventDefault();
    help.toggle();
    return;
  }
  if (event.key === "Enter" && (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement)) {
    return;  // a focused button or link does its own thing
  }
  const action = KEYS[event.key.length === 1 ? event.key.toLowerCase() : event.key];
  if (!action) return;
  event.preventDefault();
  action();
}

if (session) {
  const help = setupHelp();
  form.tabIndex = -1;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    confirmLetter();
  });
  form.addEventListener("change", (event) => {
    if (event.target.id !== "tham-quyen-input") formChanged();
  });
  $("co-quan").addEventListener("input", formChanged);
  $("note").addEventListener("input", formChanged);
  document.addEventListener("keydown", (event) => onKey(event, help));
  $("prev-letter").addEventListener("click", () => step(-1));
  $("next-letter").addEventListener("click", () => step(1));
  $("page-prev").addEventListener("click", () => viewer.previous());
  $("page-next").addEventListener("click", () => viewer.next());
  $("zoom-in").addEventListener("click", () => viewer.zoomIn());
  $("zoom-out").addEventListener("click", () => viewer.zoomOut());
  $("zoom-fit").addEventListener("click", () => viewer.fit());
  $("image-unveil").addEventListener("click", () => viewer.unveil());
  $("conflict-reload").addEventListener("click", reloadKeepingInput);
  $("conflict-next").addEventListener("click", () => goNext(letterId));
  window.addEventListener("popstate", () => {
    const match = /^\/don\/(\d+)$/.exec(location.pathname);
    if (match) openLetter(Number(match[1]), { push: false });
  });
  openLetter(letterId, { push: false });
}
