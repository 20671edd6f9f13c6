// Pick a value by typing part of its Vietnamese name, with or without diacritics
// ("cong an", "sở", "xa"): arrows move, Enter picks, Esc gives up.

export function fold(text) {
  return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

export class Combobox {
  // options: [{value, text, keywords}]; onPick(value) after every choice.
  constructor({ input, list, options, onPick, onDone }) {
    Object.assign(this, { input, list, options, onPick, onDone });
    this.value = "";
    this.matches = [];
    this.active = 0;
    for (const option of options) {
      option.haystack = fold(`${option.text} ${option.value.replace(/_/g, " ")} ${option.keywords || ""}`);
    }
    input.addEventListener("focus", () => {
      input.select();
      this.filter("");
    });
    input.addEventListener("input", () => this.filter(input.value));
    input.addEventListener("keydown", (event) => this.onKey(event));
    input.addEventListener("blur", () => {
      // A click on an option lands after blur; give it a moment.
      setTimeout(() => {
        if (document.activeElement !== input) this.close();
      }, 150);
    });
    list.addEventListener("mousedown", (event) => {
      const item = event.target.closest("li");
      if (!item) return;
      event.preventDefault();
      this.pick(item.dataset.value);
    });
  }

  setValue(value) {
    this.value = value || "";
    const option = this.options.find((o) => o.value === this.value);
    this.input.value = option ? option.text : "";
  }

  filter(query) {
    const words = fold(query).split(/\s+/).filter(Boolean);
    const scored = [];
    for (const option of this.options) {
      if (!words.every((word) => option.haystack.includes(word))) continue;
      const starts = words.length && fold(option.text).startsWith(words[0]) ? 0 : 1;
      scored.push({ option, starts });
    }
    scored.sort((a, b) => a.starts - b.starts);
    this.matches = scored.map((s) => s.option);
    const current = this.matches.findIndex((o) => o.value === this.value);
    this.active = words.length || current < 0 ? 0 : current;
    this.render();
  }

  render() {
    this.list.replaceChildren(...this.matches.map((option, index) => {
      const item = document.createElement("li");
      item.role = "option";
      item.id = `${this.list.id}-${option.value}`;
      item.dataset.value = option.value;
      item.textContent = option.text;
      item.setAttribute("aria-selected", String(index === this.active));
      if (index === this.active) item.classList.add("active");
      return item;
    }));
    if (!this.matches.length) {
      const empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = "Không có mục nào khớp";
      this.list.append(empty);
    }
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    const active = this.matches[this.active];
    if (active) this.input.setAttribute("aria-activedescendant", `${this.list.id}-${active.value}`);
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.setValue(this.value);
  }

  pick(value) {
    this.setValue(value);
    this.close();
    this.onPick(value);
    this.onDone();
  }

  onKey(event) {
    const key = event.key;
    if (key === "ArrowDown" || key === "ArrowUp") {
      event.preventDefault();
      if (this.list.hidden) this.filter("");
      const step = key === "ArrowDown" ? 1 : -1;
      this.active = (this.active + step + this.matches.length) % Math.max(1, this.matches.length);
      this.render();
    } else if (key === "Enter") {
      // The letter screen's Enter confirms: inside this box it only picks.
      event.preventDefault();
      event.stopPropagation();
      const option = this.matches[this.active];
      if (option) this.pick(option.value);
    } else if (key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      this.close();
      this.onDone();
    } else if (key === "Tab") {
      const option = this.matches[this.active];
      if (option && fold(this.input.value) !== fold(this.textOf(this.value))) {
        this.setValue(option.value);
        this.onPick(option.value);
      }
      this.close();
    }
  }

  textOf(value) {
    const option = this.options.find((o) => o.value === value);
    return option ? option.text : "";
  }
}
