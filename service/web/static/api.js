// The JSON API client. The bearer token lives in sessionStorage (gone when the tab closes);
// any 401 sends the user to the login page and back to where they were afterwards.

const SESSION_KEY = "donthu.session";

export class ApiError extends Error {
  constructor(status, detail, body) {
    super(detail);
    this.status = status;
    this.body = body || {};
  }
}

export function getSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY));
    if (!session || !session.token) return null;
    if (session.expiresAt && Date.now() > session.expiresAt) return null;
    return session;
  } catch {
    return null;
  }
}

export function saveSession({ access_token, role, expires_in }, username) {
  const expiresAt = expires_in ? Date.now() + expires_in * 1000 : null;
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(
    { token: access_token, role, username, expiresAt }));
}

export function clearSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

export function goToLogin() {
  clearSession();
  const next = location.pathname + location.search;
  location.assign("/dang-nhap?next=" + encodeURIComponent(next));
}

const FALLBACK = {
  400: "Yêu cầu không hợp lệ.",
  401: "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.",
  403: "Tài khoản của bạn không có quyền thực hiện thao tác này.",
  404: "Không tìm thấy dữ liệu.",
  409: "Dữ liệu đã thay đổi trong lúc bạn làm việc.",
  413: "Tệp quá lớn.",
  415: "Định dạng tệp không được hỗ trợ.",
  422: "Dữ liệu nhập chưa hợp lệ.",
  429: "Thao tác quá nhanh, vui lòng thử lại sau ít phút.",
};

// FastAPI's own 422 gives a list of problems; our API gives one Vietnamese sentence.
function detailText(status, body) {
  const detail = body && body.detail;
  if (typeof detail === "string" && detail) return detail;
  if (Array.isArray(detail) && detail.length) {
    return detail.map((d) => (d && d.msg) || String(d)).join("; ");
  }
  return FALLBACK[status] || `Máy chủ báo lỗi (${status}). Vui lòng thử lại.`;
}

async function errorFrom(response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    body = {};
  }
  return new ApiError(response.status, detailText(response.status, body), body);
}

function buildUrl(path, query) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  return url.pathname + url.search;
}

export async function request(method, path, { query, json, body, raw } = {}) {
  const session = getSession();
  if (!session) {
    goToLogin();
    throw new ApiError(401, FALLBACK[401]);
  }
  const headers = { Authorization: `Bearer ${session.token}`, Accept: "application/json" };
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  }
  let response;
  try {
    response = await fetch(buildUrl(path, query), { method, headers, body });
  } catch {
    throw new ApiError(0, "Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.");
  }
  if (response.status === 401) {
    goToLogin();
    throw new ApiError(401, FALLBACK[401]);
  }
  if (!response.ok) throw await errorFrom(response);
  if (raw) return response;
  if (response.status === 204) return null;
  return response.json();
}

export const api = {
  get: (path, query) => request("GET", path, { query }),
  post: (path, json) => request("POST", path, { json }),
  put: (path, json) => request("PUT", path, { json }),
  blob: async (path, query) => (await request("GET", path, { query, raw: true })).blob(),
};

export async function login(username, password) {
  const form = new URLSearchParams({ username, password });
  let response;
  try {
    response = await fetch("/api/token", { method: "POST", body: form });
  } catch {
    throw new ApiError(0, "Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.");
  }
  if (response.status === 401) {
    throw new ApiError(401, "Sai tên đăng nhập hoặc mật khẩu.");
  }
  if (!response.ok) throw await errorFrom(response);
  const token = await response.json();
  saveSession(token, username);
  return token;
}

// XMLHttpRequest rather than fetch: only it reports upload progress.
export function uploadFile(file, { ngayNhan, onProgress } = {}) {
  const session = getSession();
  if (!session) {
    goToLogin();
    return Promise.reject(new ApiError(401, FALLBACK[401]));
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/letters");
    xhr.setRequestHeader("Authorization", `Bearer ${session.token}`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = xhr.response || {};
      if (xhr.status === 401) {
        goToLogin();
        reject(new ApiError(401, FALLBACK[401]));
      } else if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body);
      } else {
        reject(new ApiError(xhr.status, detailText(xhr.status, body), body));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, "Mất kết nối khi gửi tệp. Bấm “Gửi lại”."));
    const form = new FormData();
    form.append("file", file, file.name);
    if (ngayNhan) form.append("ngay_nhan", ngayNhan);
    xhr.send(form);
  });
}

// Downloads a protected file: the browser cannot add the bearer header to a plain link.
export async function download(path, query, filename) {
  const blob = await api.blob(path, query);
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
