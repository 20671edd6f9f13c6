// The officer's queue: by deadline then lowest confidence, filters, overdue rows highlighted;
// J/K move the selection and Enter opens the letter.

import { el, formatDate, isTyping, label, percent, setupHelp, startPage, valueNode } from "./ui.js";
import { FILTER_NAMES, fetchQueue, saveContext } from "./queuectx.js";

const PAGE_SIZE = 50;
const session = startPage(["officer", "supervisor", "admin"]);
const form = document.getElementById("filters");
let items = [];
let selected = 0;
let offset = 0;
let total = 0;
const EMPTY_TEXT = document.getElementById("queue-empty").textContent;

function filtersFromUrl() {
  const params = new URLSearchParams(location.search);
  for (const name of FILTER_NAMES) {
    const field = form.elements[name];
    const value = params.get(name) || "";
    if (field.type === "checkbox") field.checked = value === "true";
    else if (value) field.value = value;
  }
  offset = Number(params.get("offset") || 0);
}

function currentFilters() {
  const filters = {};
  for (const name of FILTER_NAMES) {
    const field = form.elements[name];
    const value = field.type === "checkbox" ? (field.checked ? "true" : "") : field.value;
    if (value) filters[name] = value;
  }
  return filters;
}

function daysUntil(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  const today = new Date();
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((Date.UTC(y, m - 1, d) - start) / 86_400_000);
}

function deadlineCell(item) {
  if (!item.deadline) return el("td", { class: "muted" }, "—");
  const days = daysUntil(item.deadline);
  const note = item.overdue ? el("span", { class: "badge badge-overdue" }, "Quá hạn")
    : days <= 2 ? el("span", { class: "badge badge-soon" }, days <= 0 ? "Hôm nay" : `còn ${days} ngày`)
      : null;
  return el("td", { class: "nowrap" }, formatDate(item.deadline), " ", note);
}

function confidenceCell(item) {
  const value = Number(item.confidence || 0);
  const bar = el("span", { class: "meter" }, el("span", { class: "meter-fill" }));
  bar.firstChild.style.width = `${Math.round(value * 100)}%`;
  bar.classList.add(value < 0.6 ? "meter-low" : value < 0.85 ? "meter-mid" : "meter-high");
  return el("td", { class: "nowrap" }, bar, " ", percent(value),
    item.abstain ? el("span", { class: "badge badge-soon", title: "Hệ thống chưa chắc chắn" }, "xem kỹ") : null);
}

function open(id) {
  location.assign(`/don/${id}`);
}

function row(item, index) {
  return el("tr", {
    class: [item.overdue ? "overdue" : "", index === selected ? "selected" : ""].join(" ").trim(),
    "data-letter-id": item.id, tabindex: "-1",
    onclick: () => open(item.id),
  },
  deadlineCell(item),
  el("td", {}, label("loai_don", item.loai_don)),
  confidenceCell(item),
  el("td", {}, el("div", {}, label("tham_quyen", item.tham_quyen)),
    item.co_quan ? el("div", { class: "muted small" }, item.co_quan) : null),
  el("td", {}, valueNode(item.nguoi_viet)),
  el("td", { class: "summary" }, el("span", { class: "clamp" }, item.summary || "")),
  el("td", { class: "nowrap" }, formatDate(item.received_at)));
}

function render() {
  const body = document.querySelector("#queue tbody");
  body.replaceChildren(...items.map(row));
  document.getElementById("queue-empty").hidden = items.length > 0;
  document.getElementById("queue-total").textContent = `(${total})`;
  const pager = document.getElementById("pager");
  pager.hidden = total <= PAGE_SIZE;
  document.getElementById("page-info").textContent =
    `${offset + 1}–${Math.min(offset + PAGE_SIZE, total)} / ${total}`;
  document.getElementById("prev-page").disabled = offset === 0;
  document.getElementById("next-page").disabled = offset + PAGE_SIZE >= total;
}

function select(index) {
  if (!items.length) return;
  selected = Math.max(0, Math.min(items.length - 1, index));
  const rows = document.querySelectorAll("#queue tbody tr");
  rows.forEach((r, i) => r.classList.toggle("selected", i === selected));
  rows[selected].scrollIntoView({ block: "nearest" });
}

async function load() {
  const empty = document.getElementById("queue-empty");
  const filters = currentFilters();
  const params = new URLSearchParams({ ...filters, ...(offset ? { offset } : {}) });
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  try {
    const page = await fetchQueue(filters, { limit: PAGE_SIZE, offset });
    items = page.items;
    total = page.total;
    empty.textContent = EMPTY_TEXT;
  } catch (e) {
    items = [];
    total = 0;
    empty.textContent = e.message;
  }
  selected = Math.min(selected, Math.max(0, items.length - 1));
  saveContext(filters, items.map((item) => item.id));
  render();
}

if (session) {
  const help = setupHelp();
  filtersFromUrl();
  form.addEventListener("change", () => {
    offset = 0;
    selected = 0;
    load();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  document.getElementById("prev-page").addEventListener("click", () => {
    offset = Math.max(0, offset - PAGE_SIZE);
    load();
  });
  document.getElementById("next-page").addEventListener("click", () => {
    offset += PAGE_SIZE;
    load();
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event) || help.isOpen()) return;
    const key = event.key;
    if (key === "j" || key === "J" || key === "ArrowDown") select(selected + 1);
    else if (key === "k" || key === "K" || key === "ArrowUp") select(selected - 1);
    else if (key === "Enter" && items.length && !(event.target instanceof HTMLButtonElement)) {
      open(items[selected].id);
    } else if (key === "?") help.toggle();
    else return;
    event.preventDefault();
  });
  load();
}
