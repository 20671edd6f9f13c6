// Shared page pieces: element builder, Vietnamese labels and formats, toasts, the top bar.

import { clearSession, getSession, goToLogin } from "./api.js";

export const LABELS = JSON.parse(document.getElementById("labels").textContent);

export const ROLE_NAMES = {
  clerk: "Văn thư",
  officer: "Cán bộ xử lý",
  supervisor: "Lãnh đạo",
  admin: "Quản trị",
};

export const STATUS_NAMES = {
  received: "Đã tiếp nhận, chờ đọc",
  read: "Đã đọc, đang phân tích",
  suggested: "Đã có đề xuất",
  confirmed: "Đã xác nhận",
  failed: "Lỗi",
};

export const HOME_BY_ROLE = {
  clerk: "/tiep-nhan",
  officer: "/hang-cho",
  supervisor: "/tong-hop",
  admin: "/hang-cho",
};

export const MASK = "[đã che]";

// el("p", {class: "x", onclick: fn}, "text", child) — text always goes in as text, never HTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function label(kind, value) {
  if (value === null || value === undefined || value === "") return "—";
  return (LABELS[kind] && LABELS[kind][value]) || value;
}

// "2026-03-16" or an ISO timestamp → "16/03/2026"; a timestamp also gets its local time.
export function formatDate(value, { time = false } = {}) {
  if (!value) return "—";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) return `${match[3]}/${match[2]}/${match[1]}`;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const day = date.toLocaleDateString("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric" });
  if (!time) return day;
  const clock = date.toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" });
  return `${clock} ${day}`;
}

export function isoToday() {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export function percent(value) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "—";
  return `${Math.round(Number(value) * 100)}%`;
}

export function formatNumber(value) {
  return Number(value || 0).toLocaleString("vi-VN");
}

export function isMasked(value) {
  return typeof value === "string" && value.includes(MASK);
}

// A value as text, with masked identities drawn as a lock badge rather than as data.
export function valueNode(value) {
  if (value === null || value === undefined || value === "" ||
      (Array.isArray(value) && value.length === 0)) {
    return el("span", { class: "muted" }, "—");
  }
  const text = Array.isArray(value) ? value.join("; ") : String(value);
  if (isMasked(text)) {
    return el("span", { class: "masked", title: "Danh tính người tố cáo được bảo vệ" }, "đã che");
  }
  return document.createTextNode(text);
}

export function toast(message, kind = "info", ms = 3500) {
  const box = document.getElementById("toasts");
  const item = el("div", { class: `toast toast-${kind}` }, message);
  box.append(item);
  setTimeout(() => item.remove(), ms);
}

// True while the user is typing into a field: single-key shortcuts must not fire then.
export function isTyping(event) {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) &&
    !["checkbox", "radio", "button", "submit"].includes(target.type);
}

// The top bar for a signed-in page; sends away users whose role may not open it.
export function startPage(allowedRoles) {
  const session = getSession();
  if (!session) {
    goToLogin();
    return null;
  }
  document.getElementById("who-name").textContent = session.username || "";
  document.getElementById("who-role").textContent = ROLE_NAMES[session.role] || session.role;
  document.getElementById("who").hidden = false;
  const nav = document.getElementById("nav");
  const page = document.body.dataset.page;
  for (const link of nav.querySelectorAll("a")) {
    link.hidden = !link.dataset.roles.split(" ").includes(session.role);
    if (link.dataset.page === page || (page === "letter" && link.dataset.page === "queue")) {
      link.classList.add("active");
      link.setAttribute("aria-current", "page");
    }
  }
  nav.hidden = false;
  document.getElementById("logout").addEventListener("click", () => {
    clearSession();
    location.assign("/dang-nhap");
  });
  if (allowedRoles && !allowedRoles.includes(session.role)) {
    // Hide rather than remove the page: its script still finds every element it expects.
    const main = document.getElementById("main");
    for (const child of main.children) child.hidden = true;
    main.prepend(el("div", { class: "alert alert-error", role: "alert" },
      "Tài khoản của bạn không có quyền mở trang này. ",
      el("a", { href: HOME_BY_ROLE[session.role] || "/" }, "Về trang của bạn")));
    return null;
  }
  return session;
}

// The "?" overlay: opened by the key or the button, closed by Esc, "?" or its button.
export function setupHelp() {
  const overlay = document.getElementById("help");
  const button = document.getElementById("help-button");
  if (!overlay) return { isOpen: () => false, toggle: () => {} };
  let previousFocus = null;
  const close = () => {
    overlay.hidden = true;
    if (previousFocus) previousFocus.focus();
  };
  const open = () => {
    previousFocus = document.activeElement;
    overlay.hidden = false;
    document.getElementById("help-close").focus();
  };
  const toggle = () => (overlay.hidden ? open() : close());
  button.hidden = false;
  button.addEventListener("click", toggle);
  document.getElementById("help-close").addEventListener("click", close);
  overlay.addEventListener("click", (event) => {
    if (event.target === overlay) close();
  });
  document.addEventListener("keydown", (event) => {
    if (overlay.hidden) return;
    if (event.key === "Escape" || event.key === "?") {
      event.preventDefault();
      event.stopImmediatePropagation();
      close();
    }
  }, true);
  return { isOpen: () => !overlay.hidden, toggle };
}
