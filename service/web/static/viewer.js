// The page image beside the text: fetched with the token, shown as a blob: URL, paged and
// zoomed from buttons or keys; dragging pans a zoomed page.

import { api } from "./api.js";

const ZOOM_STEP = 1.25;
const ZOOM_MIN = 0.5;
const ZOOM_MAX = 4;

export class PageViewer {
  constructor({ image, frame, pageLabel, zoomLabel, missing, veil, onPage }) {
    Object.assign(this, { image, frame, pageLabel, zoomLabel, missing, veil, onPage });
    this.veiled = false;
    this.letterId = null;
    this.count = 0;
    this.current = 1;
    this.zoom = 1;
    this.urls = new Map();
    this.setupPanning();
  }

  // veiled: the scan of a denunciation shown to a role not entitled to the denouncer's
  // identity is not even fetched until the officer asks for it (the text beside it is masked,
  // the scan is not).
  setLetter(letterId, count, { veiled = false } = {}) {
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls.clear();
    this.letterId = letterId;
    this.count = count;
    this.current = 1;
    this.veiled = veiled;
    this.image.removeAttribute("src");
    return this.show(1);
  }

  unveil() {
    if (!this.veiled) return;
    this.veiled = false;
    this.show(this.current);
  }

  async url(number) {
    if (!this.urls.has(number)) {
      const blob = await api.blob(`/api/letters/${this.letterId}/pages/${number}.png`);
      this.urls.set(number, URL.createObjectURL(blob));
    }
    return this.urls.get(number);
  }

  async show(number) {
    if (this.count === 0) {
      this.pageLabel.textContent = "Không có trang";
      this.image.hidden = true;
      this.missing.hidden = false;
      return;
    }
    this.current = Math.max(1, Math.min(this.count, number));
    this.pageLabel.textContent = `Trang ${this.current}/${this.count}`;
    this.veil.hidden = !this.veiled;
    if (this.veiled) {
      this.image.hidden = true;
      this.missing.hidden = true;
      if (this.onPage) this.onPage(this.current);
      return;
    }
    const letterId = this.letterId;
    const wanted = this.current;
    try {
      const url = await this.url(wanted);
      // A newer request (another page, another letter) has won meanwhile.
      if (letterId !== this.letterId || wanted !== this.current) return;
      this.image.src = url;
      this.image.hidden = false;
      this.missing.hidden = true;
    } catch {
      if (letterId !== this.letterId) return;
      this.image.hidden = true;
      this.missing.hidden = false;
    }
    if (this.onPage) this.onPage(this.current);
  }

  next() {
    if (this.current < this.count) this.show(this.current + 1);
  }

  previous() {
    if (this.current > 1) this.show(this.current - 1);
  }

  setZoom(zoom) {
    this.zoom = Math.max(ZOOM_MIN, Math.min(ZOOM_MAX, zoom));
    this.image.style.width = `${Math.round(this.zoom * 100)}%`;
    this.zoomLabel.textContent = `${Math.round(this.zoom * 100)}%`;
  }

  zoomIn() {
    this.setZoom(this.zoom * ZOOM_STEP);
  }

  zoomOut() {
    this.setZoom(this.zoom / ZOOM_STEP);
  }

  fit() {
    this.setZoom(1);
  }

  setupPanning() {
    let start = null;
    this.frame.addEventListener("pointerdown", (event) => {
      start = { x: event.clientX, y: event.clientY,
        left: this.frame.scrollLeft, top: this.frame.scrollTop };
      this.frame.classList.add("panning");
    });
    window.addEventListener("pointermove", (event) => {
      if (!start) return;
      this.frame.scrollLeft = start.left - (event.clientX - start.x);
      this.frame.scrollTop = start.top - (event.clientY - start.y);
    });
    window.addEventListener("pointerup", () => {
      start = null;
      this.frame.classList.remove("panning");
    });
    this.frame.addEventListener("wheel", (event) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      if (event.deltaY < 0) this.zoomIn();
      else this.zoomOut();
    }, { passive: false });
    this.image.addEventListener("dragstart", (event) => event.preventDefault());
  }
}
