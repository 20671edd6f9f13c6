// The login page: exchanges the password for a bearer token, then opens the role's home.

import { getSession, login } from "./api.js";
import { HOME_BY_ROLE } from "./ui.js";

function destination(role) {
  const next = new URLSearchParams(location.search).get("next");
  // Only our own paths: an address in ?next= must never lead to another site.
  if (next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/dang-nhap")) {
    return next;
  }
  return HOME_BY_ROLE[role] || "/hang-cho";
}

const existing = getSession();
if (existing) location.replace(destination(existing.role));

const form = document.getElementById("login-form");
const error = document.getElementById("login-error");
const submit = document.getElementById("login-submit");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username || !password) {
    error.textContent = "Nhập tên đăng nhập và mật khẩu.";
    error.hidden = false;
    return;
  }
  submit.disabled = true;
  error.hidden = true;
  try {
    const token = await login(username, password);
    location.assign(destination(token.role));
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
    form.password.select();
  } finally {
    submit.disabled = false;
  }
});
