// The review queue as the officer filtered it, shared by the queue page and the letter screen
// so that J/K and "confirm → next" follow the same order the officer saw.

import { api } from "./api.js";

const KEY = "donthu.queue";
export const FILTER_NAMES = ["loai_don", "tham_quyen", "status", "overdue"];
const BATCH = 200;

export function loadContext() {
  try {
    const context = JSON.parse(sessionStorage.getItem(KEY));
    if (context && Array.isArray(context.ids)) return context;
  } catch {
    // fall through to an empty context
  }
  return { filters: {}, ids: [] };
}

export function saveContext(filters, ids) {
  sessionStorage.setItem(KEY, JSON.stringify({ filters, ids }));
}

export function fetchQueue(filters, { limit = BATCH, offset = 0 } = {}) {
  return api.get("/api/review-queue", { ...filters, limit, offset });
}

// The queue's ids under the saved filters, fresh from the server.
export async function refreshContext() {
  const { filters } = loadContext();
  const page = await fetchQueue(filters);
  const ids = page.items.map((item) => item.id);
  saveContext(filters, ids);
  return ids;
}

// The letter to open after `currentId`: the next one in the order the officer saw that is
// still waiting; failing that the first one still waiting; null when the queue is empty.
export async function nextAfter(currentId) {
  const before = loadContext().ids;
  const fresh = await refreshContext();
  const waiting = new Set(fresh);
  waiting.delete(currentId);
  const position = before.indexOf(currentId);
  if (position >= 0) {
    for (const id of before.slice(position + 1)) if (waiting.has(id)) return id;
  }
  for (const id of fresh) if (id !== currentId) return id;
  return null;
}

export function neighbour(currentId, step) {
  const { ids } = loadContext();
  const position = ids.indexOf(currentId);
  if (position < 0) return ids.length ? ids[0] : null;
  const target = ids[position + step];
  return target === undefined ? null : target;
}
