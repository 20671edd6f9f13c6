// The supervisor's dashboard: the quarterly-report figures (DOMAIN.md "Reporting") for a
// chosen period, as numbers and a chart, the period's cases, and the CSV export.

import { api, download } from "./api.js";
import { barChart } from "./svgchart.js";
import { el, formatDate, formatNumber, label, LABELS, startPage, valueNode } from "./ui.js";

const session = startPage(["supervisor", "admin"]);
const form = document.getElementById("period");
const XU_LY = ["thu_ly", "huong_dan", "chuyen_don", "luu_don"];

function iso(date) {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

function preset(name) {
  const today = new Date();
  const year = today.getFullYear();
  const quarter = Math.floor(today.getMonth() / 3);
  if (name === "year") return [new Date(year, 0, 1), new Date(year, 11, 31)];
  const q = name === "previous-quarter" ? quarter - 1 : quarter;
  const start = new Date(year, q * 3, 1);  // month -3 rolls back into last year by itself
  return [start, new Date(start.getFullYear(), start.getMonth() + 3, 0)];
}

function period() {
  return { from: form.elements.from.value, to: form.elements.to.value };
}

function stat(stats, path) {
  return path.split(".").reduce((value, key) => (value ? value[key] : undefined), stats);
}

function showFigures(stats) {
  for (const node of document.querySelectorAll("[data-stat]")) {
    const value = stat(stats, node.dataset.stat);
    node.textContent = formatNumber(value);
    node.dataset.value = String(value ?? 0);
  }
  const share = stats.received ? Math.round((stats.confirmed / stats.received) * 100) : 0;
  document.getElementById("period-label").textContent =
    `Kỳ báo cáo ${formatDate(stats.from)} – ${formatDate(stats.to)}: ` +
    `đã xác nhận ${formatNumber(stats.confirmed)}/${formatNumber(stats.received)} đơn tiếp nhận (${share}%).`;
}

function showChart(stats) {
  const byLoai = stats.by_loai_don || {};
  const byXuLy = stats.by_xu_ly || {};
  barChart(document.getElementById("chart"), [
    { title: "Tổng quát", bars: [
      { label: "Đơn tiếp nhận", value: stats.received || 0, tone: "a" },
      { label: "Đã xác nhận", value: stats.confirmed || 0, tone: "b" },
      { label: "Quá hạn", value: stats.overdue || 0, tone: "alert" },
      { label: "Đơn tập thể", value: stats.collective || 0, tone: "c" },
    ] },
    { title: "Theo nội dung", bars: Object.keys(LABELS.loai_don).map((key, i) =>
      ({ label: label("loai_don", key), value: byLoai[key] || 0, tone: ["a", "alert", "c"][i] })) },
    { title: "Theo thẩm quyền", bars: [
      { label: "Thuộc thẩm quyền", value: stats.within_jurisdiction || 0, tone: "b" },
      { label: "Không thuộc thẩm quyền", value: stats.outside_jurisdiction || 0, tone: "c" },
    ] },
    { title: "Theo hướng xử lý", bars: XU_LY.map((key) =>
      ({ label: label("xu_ly", key), value: byXuLy[key] || 0, tone: "b" })) },
  ]);
}

async function showCases() {
  const { from, to } = period();
  const page = await api.get("/api/cases", { from, to, limit: 20 });
  document.getElementById("cases-total").textContent = `(${page.total})`;
  document.querySelector("#cases tbody").replaceChildren(...page.items.map((c) => el("tr", {},
    el("td", { class: "nowrap" }, c.so_tiep_nhan || c.id),
    el("td", { class: "nowrap" }, formatDate(c.ngay_nhan)),
    el("td", {}, valueNode(c.nguoi_viet)),
    el("td", {}, label("loai_don", c.loai_don), c.tap_the ? el("span", { class: "badge" }, "tập thể") : null),
    el("td", {}, c.co_quan || label("tham_quyen", c.tham_quyen)),
    el("td", {}, label("xu_ly", c.xu_ly)),
    el("td", { class: "nowrap" }, formatDate(c.han_xu_ly)))));
  document.getElementById("cases-empty").hidden = page.items.length > 0;
}

async function refresh() {
  const { from, to } = period();
  const error = document.getElementById("stats-error");
  if (!from || !to || from > to) {
    error.textContent = "Chọn kỳ báo cáo: ngày bắt đầu không được sau ngày kết thúc.";
    error.hidden = false;
    return;
  }
  history.replaceState(null, "", `?from=${from}&to=${to}`);
  try {
    const stats = await api.get("/api/stats", { from, to });
    error.hidden = true;
    showFigures(stats);
    showChart(stats);
    await showCases();
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  }
}

async function exportCsv() {
  const { from, to } = period();
  try {
    await download("/api/cases.csv", { from, to }, `ho-so-don-thu_${from}_${to}.csv`);
  } catch (e) {
    const error = document.getElementById("stats-error");
    error.textContent = e.message;
    error.hidden = false;
  }
}

if (session) {
  const params = new URLSearchParams(location.search);
  const [start, end] = preset("quarter");
  form.elements.from.value = params.get("from") || iso(start);
  form.elements.to.value = params.get("to") || iso(end);
  form.addEventListener("change", refresh);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    refresh();
  });
  for (const button of form.querySelectorAll("[data-preset]")) {
    button.addEventListener("click", () => {
      const [from, to] = preset(button.dataset.preset);
      form.elements.from.value = iso(from);
      form.elements.to.value = iso(to);
      refresh();
    });
  }
  document.getElementById("export-csv").addEventListener("click", exportCsv);
  refresh();
}
