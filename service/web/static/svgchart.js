// A small horizontal bar chart in inline SVG: groups of labelled bars on one shared scale.

const SVG = "http://www.w3.org/2000/svg";
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 56;
const BAR_HEIGHT = 18;
const BAR_GAP = 6;
const GROUP_GAP = 14;
const TITLE_HEIGHT = 20;

function node(tag, attrs = {}, text = null) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
  if (text !== null) element.textContent = text;
  return element;
}

// groups: [{title, bars: [{label, value, tone}]}]; tone picks a colour class from the CSS.
export function barChart(container, groups, { width = 560 } = {}) {
  const max = Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => b.value)));
  const plot = width - LABEL_WIDTH - VALUE_WIDTH;
  const height = groups.reduce((sum, g) =>
    sum + TITLE_HEIGHT + g.bars.length * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP, 0);
  const svg = node("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%",
    class: "bar-chart", role: "img" });
  let y = 0;
  for (const group of groups) {
    svg.append(node("text", { x: 0, y: y + 14, class: "chart-title" }, group.title));
    y += TITLE_HEIGHT;
    for (const bar of group.bars) {
      const length = Math.round((bar.value / max) * plot);
      const row = node("g", { class: `chart-row tone-${bar.tone || "a"}`,
        "data-label": bar.label, "data-value": String(bar.value) });
      row.append(
        node("text", { x: LABEL_WIDTH - 8, y: y + BAR_HEIGHT - 5, "text-anchor": "end",
          class: "chart-label" }, bar.label),
        node("rect", { x: LABEL_WIDTH, y, width: Math.max(length, bar.value ? 2 : 0),
          height: BAR_HEIGHT, rx: 3, class: "chart-bar" }),
        node("text", { x: LABEL_WIDTH + Math.max(length, 0) + 6, y: y + BAR_HEIGHT - 5,
          class: "chart-value" }, bar.value.toLocaleString("vi-VN")),
        node("title", {}, `${bar.label}: ${bar.value}`));
      svg.append(row);
      y += BAR_HEIGHT + BAR_GAP;
    }
    y += GROUP_GAP;
  }
  container.replaceChildren(svg);
  return svg;
}
