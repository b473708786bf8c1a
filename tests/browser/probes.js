// Measurements taken in the page by test_themes.py (injected with add_script_tag).
window.vlmProbes = {
  // The two header rows of the first vlm-table: each cell's text and box.
  headerBoxes() {
    const rows = document.querySelector("table.vlm-table").tHead.rows;
    const box = (cell) => {
      const r = cell.getBoundingClientRect();
      return {
        text: cell.textContent.trim(),
        left: r.left,
        right: r.right,
        top: r.top,
        bottom: r.bottom,
      };
    };
    return [Array.from(rows[0].cells, box), Array.from(rows[1].cells, box)];
  },

  // Sideways overflow of the page, and of the box that scrolls the table: ours, or one
  // a theme wraps around tables itself (Read the Docs' and PyData's do).
  overflow() {
    const table = document.querySelector("table.vlm-table");
    let box = table.parentElement;
    const scrolls = (el) =>
      ["auto", "scroll"].includes(getComputedStyle(el).overflowX) &&
      el.scrollWidth > el.clientWidth;
    while (box && box !== document.body && !scrolls(box)) box = box.parentElement;
    const found = box && box !== document.body;
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      boxScroll: found ? box.scrollWidth - box.clientWidth : 0,
      boxRight: (found ? box : table.parentElement).getBoundingClientRect().right,
      viewport: document.documentElement.clientWidth,
    };
  },

  // WCAG contrast of one element's text against the background it is drawn on.
  contrastOf(element) {
    const cell = this.contrast([element])[0];
    return cell.ratio;
  },

  // WCAG contrast of every cell's text (or these elements') against its background.
  contrast(elements) {
    const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const opaque = (c) => c.length === 3 || (c.length === 4 && c[3] > 0.5);
    const background = (el) => {
      for (; el; el = el.parentElement) {
        const c = parse(getComputedStyle(el).backgroundColor);
        if (opaque(c)) return c.slice(0, 3);
      }
      return [255, 255, 255]; // the canvas
    };
    const channel = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const cells = elements || document.querySelectorAll("table.vlm-table th, table.vlm-table td");
    return Array.from(cells, (cell) => {
      const fg = parse(getComputedStyle(cell).color).slice(0, 3);
      const bg = background(cell);
      const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
      return { text: cell.textContent.trim(), ratio: (a + 0.05) / (b + 0.05), fg, bg };
    });
  },
};
