// The clerk's page: drop many scans, watch each one go from upload to "suggested",
// see why a file failed and send it again.

import { api, uploadFile } from "./api.js";
import { el, formatDate, isoToday, STATUS_NAMES, startPage, toast } from "./ui.js";

const PARALLEL_UPLOADS = 2;
const POLL_BUSY_MS = 1500;
const POLL_IDLE_MS = 15000;
const REVIEW_ROLES = ["officer", "supervisor", "admin"];

const session = startPage(["clerk", "officer", "supervisor", "admin"]);
const uploads = [];  // {file, node, state, letters: [{id, status, error}], error}
const letterStatus = new Map();  // id → {status, error}
let pollTimer = null;

function fileSize(bytes) {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
}

function statusBadge(status, error) {
  return el("span", { class: `badge status-${status}`, "data-status": status,
    title: error || null }, STATUS_NAMES[status] || status);
}

function letterLink(id) {
  return REVIEW_ROLES.includes(session.role)
    ? el("a", { href: `/don/${id}` }, `Đơn số ${id}`) : el("span", {}, `Đơn số ${id}`);
}

async function retryLetter(id) {
  try {
    const result = await api.post(`/api/letters/${id}/retry`);
    letterStatus.set(id, { status: result.status || "received", error: null });
    toast(`Đã đưa đơn số ${id} vào xử lý lại.`, "success");
  } catch (e) {
    toast(e.message, "error");
  }
  render();
  schedulePoll(0);
}

function letterLine(id) {
  const known = letterStatus.get(id) || { status: "received", error: null };
  return el("li", { class: "upload-letter", "data-letter-id": id },
    letterLink(id), " ", statusBadge(known.status, known.error),
    known.status === "failed" && known.error ? el("span", { class: "error-text" }, known.error) : null,
    known.status === "failed"
      ? el("button", { type: "button", class: "small", onclick: () => retryLetter(id) }, "Thử lại")
      : null);
}

function renderUpload(item) {
  const parts = [el("div", { class: "upload-head" },
    el("span", { class: "upload-name" }, item.file.name),
    el("span", { class: "muted" }, fileSize(item.file.size)))];
  if (item.state === "queued" || item.state === "uploading") {
    parts.push(el("progress", { max: "1", value: String(item.progress || 0) }),
      el("span", { class: "upload-state" }, item.state === "queued"
        ? "Chờ gửi…" : `Đang gửi ${Math.round((item.progress || 0) * 100)}%`));
  } else if (item.state === "error") {
    parts.push(el("div", { class: "upload-state error-text", "data-status": "upload-error" },
      `Không gửi được: ${item.error}`),
      el("button", { type: "button", class: "small", onclick: () => start(item) }, "Gửi lại"));
  } else {
    const note = item.duplicate ? "Tệp này đã được tiếp nhận trước đây." :
      item.letters.length > 1 ? `Tệp chứa ${item.letters.length} đơn.` : null;
    parts.push(note ? el("div", { class: "muted" }, note) : null,
      el("ul", { class: "upload-letters" }, item.letters.map(letterLine)));
  }
  item.node.replaceChildren(...parts.filter(Boolean));
  item.node.dataset.state = item.state;
}

async function renderRecent() {
  const onlyFailed = document.getElementById("only-failed").checked;
  let page;
  try {
    page = await api.get("/api/letters", { limit: 50, status: onlyFailed ? "failed" : "" });
  } catch (e) {
    toast(e.message, "error");
    return new Set();
  }
  for (const item of page.items) letterStatus.set(item.id, { status: item.status, error: item.error });
  const rows = page.items.map((item) => el("tr", { "data-letter-id": item.id },
    el("td", {}, item.id),
    el("td", { class: "ellipsis", title: item.filename }, item.filename || "—"),
    el("td", {}, item.pages_count ?? "—"),
    el("td", {}, statusBadge(item.status, item.error),
      item.status === "failed" && item.error ? el("div", { class: "error-text" }, item.error) : null),
    el("td", { class: "nowrap" }, formatDate(item.updated_at || item.created_at, { time: true })),
    el("td", {}, item.status === "failed"
      ? el("button", { type: "button", class: "small", onclick: () => retryLetter(item.id) }, "Thử lại")
      : item.status === "suggested" && REVIEW_ROLES.includes(session.role)
        ? el("a", { href: `/don/${item.id}` }, "Mở") : null)));
  document.querySelector("#recent tbody").replaceChildren(...rows);
  document.getElementById("recent-empty").hidden = rows.length > 0;
  return new Set(page.items.map((item) => item.id));
}

// Tracked letters not among the newest ones are asked for one by one.
async function refreshTracked() {
  const listed = await renderRecent();
  const missing = uploads.flatMap((u) => u.letters).filter((id) => !listed.has(id));
  await Promise.all(missing.map(async (id) => {
    try {
      const letter = await api.get(`/api/letters/${id}`);
      letterStatus.set(id, { status: letter.status, error: letter.error });
    } catch {
      // Keep the last known state; the next poll asks again.
    }
  }));
}

function pending() {
  return uploads.some((u) => u.state === "queued" || u.state === "uploading") ||
    uploads.some((u) => u.letters.some((id) => {
      const known = letterStatus.get(id);
      return !known || known.status === "received" || known.status === "read";
    }));
}

function render() {
  for (const item of uploads) renderUpload(item);
  document.getElementById("uploads-panel").hidden = uploads.length === 0;
}

function schedulePoll(delay) {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(async () => {
    await refreshTracked();
    render();
    schedulePoll(pending() ? POLL_BUSY_MS : POLL_IDLE_MS);
  }, delay);
}

async function start(item) {
  item.state = "uploading";
  item.progress = 0;
  item.error = null;
  renderUpload(item);
  try {
    const result = await uploadFile(item.file, {
      ngayNhan: document.getElementById("ngay-nhan").value || null,
      onProgress: (fraction) => {
        item.progress = fraction;
        renderUpload(item);
      },
    });
    item.letters = result.letters && result.letters.length ? result.letters : [result.id];
    item.duplicate = Boolean(result.duplicate);
    for (const id of item.letters) {
      if (!letterStatus.has(id)) letterStatus.set(id, { status: result.status, error: null });
    }
    item.state = "sent";
  } catch (e) {
    item.state = "error";
    item.error = e.message;
  }
  renderUpload(item);
  pump();
  schedulePoll(300);
}

function pump() {
  const busy = uploads.filter((u) => u.state === "uploading").length;
  const waiting = uploads.filter((u) => u.state === "queued");
  for (const item of waiting.slice(0, Math.max(0, PARALLEL_UPLOADS - busy))) start(item);
}

function addFiles(files) {
  const list = document.getElementById("uploads");
  for (const file of files) {
    const item = { file, node: el("li", { class: "upload", "data-file": file.name }),
      state: "queued", letters: [], progress: 0 };
    uploads.unshift(item);
    list.prepend(item.node);
  }
  render();
  pump();
}

function setupDropzone() {
  const zone = document.getElementById("dropzone");
  const input = document.getElementById("file-input");
  input.addEventListener("change", () => {
    addFiles([...input.files]);
    input.value = "";
  });
  zone.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      input.click();
    }
  });
  for (const name of ["dragenter", "dragover"]) {
    zone.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  }
  for (const name of ["dragleave", "drop"]) {
    zone.addEventListener(name, () => zone.classList.remove("dragging"));
  }
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    addFiles([...event.dataTransfer.files]);
  });
  // A file dropped beside the zone must not make the browser leave the page.
  window.addEventListener("dragover", (event) => event.preventDefault());
  window.addEventListener("drop", (event) => event.preventDefault());
}

if (session) {
  document.getElementById("ngay-nhan").value = isoToday();
  document.getElementById("only-failed").addEventListener("change", () => schedulePoll(0));
  setupDropzone();
  schedulePoll(0);
}
