/* sphinx-vlmtable: sort and search a table in place, offline; make a table's scroll
 * box reachable by keyboard where it overflows.
 *
 * The build writes, next to each interactive table, every cell's rank in its column
 * (numbers and dates by value, "no value" last), so sorting here gives the same order
 * as :sort:. Merged body cells are split while rows move and merged again where the
 * rows of a merged cell stay together. No inline script, no network: CSP script-src
 * 'self' is enough. With JavaScript off the table is the static table.
 */
(function () {
  "use strict";

  function headerGrid(table) {
    // grid[r][c]: the header cell over column c in header row r (merged cells repeat).
    var rows = table.tHead ? table.tHead.rows : [], grid = [];
    for (var r = 0; r < rows.length; r++) grid.push([]);
    for (r = 0; r < rows.length; r++) {
      var column = 0;
      for (var i = 0; i < rows[r].cells.length; i++) {
        var cell = rows[r].cells[i];
        while (grid[r][column]) column++;
        for (var dr = 0; dr < cell.rowSpan; dr++) {
          for (var dc = 0; dc < cell.colSpan; dc++) {
            if (grid[r + dr]) grid[r + dr][column + dc] = cell;
          }
        }
        column += cell.colSpan;
      }
    }
    return grid;
  }

  function leafColumns(table) {
    // The leaf header cell over each column: one column wide and reaching the last row.
    var grid = headerGrid(table), leaves = [];
    var last = grid.length ? grid[grid.length - 1] : [];
    for (var c = 0; c < last.length; c++) {
      if (last[c] && last[c].colSpan === 1) leaves[c] = last[c];
    }
    return leaves;
  }

  // The sort "column" of the "Newest first" button (real columns count from 0).
  var NEWEST = -2;

  function Enhanced(table, data) {
    this.table = table;
    this.body = table.tBodies[0];
    this.ranks = JSON.parse(data.getAttribute("data-ranks"));
    this.labels = JSON.parse(data.getAttribute("data-labels"));
    // :new-since: tables: each row's rank by its latest added/updated date.
    this.recency = JSON.parse(data.getAttribute("data-recency") || "null");
    this.rows = Array.prototype.slice.call(this.body.rows);
    this.original = this.rows.map(function (row) {
      return Array.prototype.slice.call(row.cells);
    });
    this.spans = this.original.map(function (cells) {
      return cells.map(function (cell) { return cell.rowSpan; });
    });
    this.split = this.splitCells();
    this.merged = this.split.merged;
    this.text = this.split.full.map(function (cells) {
      return cells.map(function (cell) { return cell.textContent; }).join(" \u0001 ").toLowerCase();
    });
    this.sortColumn = -1;
    this.descending = false;
    this.query = "";
    this.groups = this.columnGroups();
    this.addButtons();
    this.addSearch();
    this.addCompare();
  }

  // Each column's group labels ("Model Architecture"), read before the sort buttons
  // move the header's content.
  Enhanced.prototype.columnGroups = function () {
    var grid = headerGrid(this.table), groups = [];
    if (!grid.length) return groups;
    for (var c = 0; c < grid[grid.length - 1].length; c++) {
      var labels = [], leaf = grid[grid.length - 1][c];
      for (var r = 0; r < grid.length - 1; r++) {
        var cell = grid[r][c];
        if (cell && cell !== leaf && labels.indexOf(cell.textContent.trim()) < 0) {
          labels.push(cell.textContent.trim());
        }
      }
      groups.push(labels.join(" / "));
    }
    return groups;
  };

  Enhanced.prototype.splitCells = function () {
    // Each row's full list of cells: a merged cell's own element in its first row, and a
    // copy (rowspan 1) in each row it covers. origin[r][c] names the merged cell.
    var full = [], origin = [], covering = [], merged = false;
    for (var r = 0; r < this.rows.length; r++) {
      var cells = this.original[r], row = [], from = [], c = 0, k = 0;
      while (k < cells.length || (covering[c] && covering[c].until > r)) {
        if (covering[c] && covering[c].until > r) {
          var copy = covering[c].cell.cloneNode(true);
          copy.removeAttribute("rowspan");
          row.push(copy);
          from.push(covering[c].id);
        } else {
          var cell = cells[k++];
          row.push(cell);
          from.push(cell.rowSpan > 1 ? "m" + r + ":" + c : null);
          if (cell.rowSpan > 1) {
            covering[c] = {cell: cell, until: r + cell.rowSpan, id: "m" + r + ":" + c, span: cell.rowSpan};
            merged = true;
          } else {
            covering[c] = null;
          }
        }
        c++;
      }
      full.push(row);
      origin.push(from);
    }
    return {full: full, origin: origin, merged: merged};
  };

  Enhanced.prototype.order = function () {
    var ranks = this.ranks, column = this.sortColumn, sign = this.descending ? -1 : 1;
    var recency = this.recency;
    var indices = this.rows.map(function (_row, index) { return index; });
    if (column === NEWEST) sign = -1;
    else if (column < 0) return indices;
    return indices.sort(function (a, b) {
      var x = column === NEWEST ? recency[a] : ranks[a][column];
      var y = column === NEWEST ? recency[b] : ranks[b][column];
      if (x === y) return a - b;
      if (x === null) return 1;  // no value: last, either way
      if (y === null) return -1;
      return sign * (x - y);
    });
  };

  Enhanced.prototype.render = function () {
    var order = this.order(), query = this.query, text = this.text, keep = {};
    var visible = order.filter(function (index) {
      return !query || text[index].indexOf(query) >= 0;
    });
    visible.forEach(function (index) { keep[index] = true; });
    // The body leaves the page while its rows move: moving a row inside the live page
    // costs work for each move; off the page, the whole reorder is one change to lay out.
    var body = this.body, parent = body.parentNode, next = body.nextSibling;
    parent.removeChild(body);
    var fragment = document.createDocumentFragment();
    if (this.sortColumn === -1 && !query) {
      // The view's order: the rows as built, with their merged cells.
      for (var i = 0; i < this.rows.length; i++) {
        if (this.merged) this.restore(i);
        this.rows[i].hidden = false;
        fragment.appendChild(this.rows[i]);
      }
    } else if (!this.merged) {
      // Nothing merged: moving whole rows is enough (and fast).
      for (var k = 0; k < order.length; k++) {
        var row = this.rows[order[k]];
        row.hidden = !keep[order[k]];
        fragment.appendChild(row);
      }
    } else {
      this.renderSplit(visible, fragment);
    }
    body.appendChild(fragment);
    parent.insertBefore(body, next);
    // Fewer rows may no longer overflow (or more may): checked with the next frame's
    // layout, not forced here.
    var box = this.table.closest("div.vlm-table-scroll");
    if (box) requestAnimationFrame(function () { markScrolling(box); });
    this.count.textContent = this.labels.shown
      .replace("{shown}", String(visible.length)).replace("{total}", String(this.rows.length));
  };

  Enhanced.prototype.restore = function (index) {
    var row = this.rows[index], cells = this.original[index], spans = this.spans[index];
    while (row.firstChild) row.removeChild(row.firstChild);
    for (var c = 0; c < cells.length; c++) {
      cells[c].rowSpan = spans[c];
      row.appendChild(cells[c]);
    }
  };

  Enhanced.prototype.renderSplit = function (visible, fragment) {
    // Every row gets its full cells; then cells from one merged cell that stay next to
    // each other merge again.
    var full = this.split.full, origin = this.split.origin, keep = {};
    visible.forEach(function (index) { keep[index] = true; });
    var sequence = this.order().filter(function (index) { return keep[index]; });
    this.rows.forEach(function (row, index) { row.hidden = !keep[index]; });
    for (var i = 0; i < sequence.length; i++) {
      var index = sequence[i], row = this.rows[index];
      while (row.firstChild) row.removeChild(row.firstChild);
      for (var c = 0; c < full[index].length; c++) {
        full[index][c].rowSpan = 1;
        row.appendChild(full[index][c]);
      }
      fragment.appendChild(row);
    }
    var columns = full.length ? full[0].length : 0;
    for (var column = 0; column < columns; column++) {
      var start = 0;
      for (var k = 1; k <= sequence.length; k++) {
        var id = start < sequence.length ? origin[sequence[start]][column] : null;
        if (k < sequence.length && id !== null && origin[sequence[k]][column] === id) continue;
        if (k - start > 1) {
          full[sequence[start]][column].rowSpan = k - start;
          for (var j = start + 1; j < k; j++) {
            var covered = full[sequence[j]][column];
            if (covered.parentNode) covered.parentNode.removeChild(covered);
          }
        }
        start = k;
      }
    }
    var hidden = this.rows.filter(function (_row, index) { return !keep[index]; });
    hidden.forEach(function (row) { fragment.appendChild(row); });
  };

  Enhanced.prototype.addButtons = function () {
    var leaves = leafColumns(this.table), self = this;
    this.headers = [];
    this.columnLabels = [];
    leaves.forEach(function (th, column) {
      if (!th || !self.ranks.length || self.ranks[0][column] === undefined) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "vlm-sort-button";
      // A button holds phrasing content only: the label's inline markup, not its <p>.
      while (th.firstChild) {
        var child = th.firstChild;
        if (child.nodeType === 1 && /^(P|DIV)$/.test(child.tagName)) {
          while (child.firstChild) button.appendChild(child.firstChild);
          th.removeChild(child);
        } else {
          button.appendChild(child);
        }
      }
      var label = button.textContent.trim();
      self.columnLabels[column] = label;
      button.setAttribute("aria-label", self.labels.sort.replace("{column}", label));
      var mark = document.createElement("span");
      mark.className = "vlm-sort-mark";
      mark.setAttribute("aria-hidden", "true");
      button.appendChild(mark);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () { self.sortBy(column); });
      self.headers[column] = th;
    });
  };

  Enhanced.prototype.sortBy = function (column) {
    // Each click: ascending, descending, then back to the view's order.
    if (this.sortColumn !== column) {
      this.sortColumn = column;
      this.descending = false;
    } else if (!this.descending) {
      this.descending = true;
    } else {
      this.sortColumn = -1;
    }
    if (this.newest) this.newest.setAttribute("aria-pressed", "false");
    for (var c = 0; c < this.headers.length; c++) {
      var th = this.headers[c];
      if (!th) continue;
      var state = c !== this.sortColumn ? "none" : this.descending ? "descending" : "ascending";
      th.setAttribute("aria-sort", state);
    }
    this.render();
  };

  // "Newest first": rows by their latest added/updated date, then back to the view's order.
  Enhanced.prototype.newestButton = function () {
    var button = document.createElement("button"), self = this;
    button.type = "button";
    button.className = "vlm-newest";
    button.textContent = this.labels.newest;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      var on = self.sortColumn !== NEWEST;
      self.sortColumn = on ? NEWEST : -1;
      self.descending = false;
      self.headers.forEach(function (th) { if (th) th.setAttribute("aria-sort", "none"); });
      button.setAttribute("aria-pressed", on ? "true" : "false");
      self.render();
    });
    this.newest = button;
    return button;
  };

  Enhanced.prototype.addSearch = function () {
    var tools = document.createElement("div"), self = this;
    tools.className = "vlm-table-tools";
    this.tools = tools;
    var input = document.createElement("input");
    input.type = "search";
    input.className = "vlm-search";
    input.placeholder = this.labels.placeholder;
    input.setAttribute("aria-label", this.labels.search);
    this.count = document.createElement("span");
    this.count.className = "vlm-count";
    this.count.setAttribute("role", "status");
    this.count.setAttribute("aria-live", "polite");
    tools.appendChild(input);
    if (this.recency) tools.appendChild(this.newestButton());
    tools.appendChild(this.count);
    var anchor = this.table.closest(".vlm-table-scroll") || this.table;
    anchor.parentNode.insertBefore(tools, anchor);
    input.addEventListener("input", function () {
      self.query = input.value.trim().toLowerCase();
      self.render();
    });
    this.count.textContent = this.labels.shown
      .replace("{shown}", String(this.rows.length)).replace("{total}", String(this.rows.length));
  };

  // Side by side: a tick box before each model's name; "Compare" shows the ticked
  // models (2 to 4) as columns and the table's columns as rows, in the page. The cells
  // are copies of the table's own cells (no ids), so nothing new reaches the page.
  var MIN_COMPARE = 2, MAX_COMPARE = 4;

  Enhanced.prototype.addCompare = function () {
    var self = this;
    this.ticks = [];
    this.rows.forEach(function (_row, index) {
      if (self.split.origin[index][0]) return;  // a merged first cell: not one model
      var cell = self.split.full[index][0], box = document.createElement("input");
      box.type = "checkbox";
      box.className = "vlm-tick";
      box.setAttribute("aria-label", self.labels.tick.replace("{model}", cell.textContent.trim()));
      box.addEventListener("change", function () { self.ticked(); });
      var holder = cell.querySelector("p") || cell;  // on the name's line
      holder.insertBefore(box, holder.firstChild);
      self.ticks[index] = box;
    });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "vlm-compare-button";
    button.disabled = true;
    button.textContent = this.labels.compare;
    button.addEventListener("click", function () { self.showComparison(); });
    this.tools.insertBefore(button, this.count);
    this.compareButton = button;
  };

  Enhanced.prototype.tickedRows = function () {
    var ticked = [];
    this.ticks.forEach(function (box, index) { if (box && box.checked) ticked.push(index); });
    return ticked;
  };

  Enhanced.prototype.ticked = function () {
    var count = this.tickedRows().length;
    this.compareButton.disabled = count < MIN_COMPARE || count > MAX_COMPARE;
    this.compareButton.textContent = this.labels.compare + " (" + count + ")";
  };

  function copyOf(cell, tag) {
    var copy = document.createElement(tag);
    Array.prototype.forEach.call(cell.childNodes, function (child) {
      copy.appendChild(child.cloneNode(true));
    });
    Array.prototype.forEach.call(copy.querySelectorAll(".vlm-tick"), function (el) {
      el.remove();
    });
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (el) {
      el.removeAttribute("id");
    });
    return copy;
  }

  Enhanced.prototype.showComparison = function () {
    var self = this, rows = this.tickedRows();
    if (this.comparison) this.comparison.remove();
    var region = document.createElement("div");
    region.className = "vlm-compare-live";
    region.setAttribute("role", "region");
    region.setAttribute("aria-label", this.labels.compare);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "vlm-compare-close";
    close.textContent = this.labels.close;
    close.addEventListener("click", function () { region.remove(); self.comparison = null; });
    var table = document.createElement("table");
    table.className = "vlm-compare docutils";
    var head = table.createTHead().insertRow();
    var corner = document.createElement("th");
    corner.scope = "col";
    corner.textContent = this.columnLabels[0] || "";
    head.appendChild(corner);
    rows.forEach(function (index) {
      var th = copyOf(self.split.full[index][0], "th");
      th.scope = "col";
      head.appendChild(th);
    });
    var body = table.createTBody();
    for (var c = 1; c < this.split.full[rows[0]].length; c++) {
      var line = body.insertRow(), label = document.createElement("th");
      label.scope = "row";
      label.textContent = (this.groups[c] ? this.groups[c] + " / " : "") + (this.columnLabels[c] || "");
      line.appendChild(label);
      var texts = {};
      rows.forEach(function (index) {
        var cell = self.split.full[index][c];
        texts[cell.textContent.trim()] = true;
        line.appendChild(copyOf(cell, "td"));
      });
      if (Object.keys(texts).length > 1) line.className = "vlm-differs";
    }
    region.appendChild(close);
    region.appendChild(table);
    this.tools.parentNode.insertBefore(region, this.tools.nextSibling);
    this.comparison = region;
    close.focus();
  };

  // A table's scroll box: the element that really scrolls (ours, or a theme's wrapper
  // inside it) is a labelled region a keyboard can reach, and only while it overflows.
  function markScrolling(box) {
    var table = box.querySelector("table.vlm-table");
    if (!table) return;
    var chain = [];
    for (var el = table.parentElement; el && el !== box.parentElement; el = el.parentElement) {
      chain.push(el);
    }
    var scroller = null;
    chain.forEach(function (el) {
      var overflow = getComputedStyle(el).overflowX;
      if (!scroller && /auto|scroll/.test(overflow) && el.scrollWidth > el.clientWidth + 1) {
        scroller = el;
      }
    });
    chain.forEach(function (el) {
      if (el !== scroller && el.hasAttribute("data-vlm-region")) {
        el.removeAttribute("data-vlm-region");
        el.removeAttribute("tabindex");
        el.removeAttribute("role");
        el.removeAttribute("aria-label");
      }
    });
    if (!scroller || scroller.hasAttribute("data-vlm-region")) return;
    if (scroller.hasAttribute("tabindex") && scroller.hasAttribute("aria-label")) return;
    scroller.setAttribute("data-vlm-region", "");
    scroller.tabIndex = 0;
    scroller.setAttribute("role", "region");
    scroller.setAttribute("aria-label", box.getAttribute("data-label") || "Table");
  }

  function markAllScrolling() {
    var boxes = document.querySelectorAll("div.vlm-table-scroll");
    for (var i = 0; i < boxes.length; i++) markScrolling(boxes[i]);
  }

  function watchScrolling() {
    markAllScrolling();
    var pending = false;
    window.addEventListener("resize", function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; markAllScrolling(); });
    });
  }

  function enhanceAll() {
    var blocks = document.querySelectorAll("div.vlm-sort-data[data-table]");
    for (var i = 0; i < blocks.length; i++) {
      // The table with that id (a theme may give a label of the same id to another element).
      var id = blocks[i].getAttribute("data-table");
      var table = document.querySelector("table#" + CSS.escape(id));
      if (table && table.tBodies.length && !table.hasAttribute("data-vlm-enhanced")) {
        table.setAttribute("data-vlm-enhanced", "");
        table.vlmTable = new Enhanced(table, blocks[i]);
      }
    }
  }

  function start() {
    enhanceAll();
    watchScrolling();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
