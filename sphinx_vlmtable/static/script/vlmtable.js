/* sphinx-vlmtable: sort, search, filter, page and take away a table in place, offline;
 * keep the view in the page's address; make a table's scroll box reachable by keyboard
 * where it overflows.
 *
 * The build writes, next to each interactive table, every cell's rank in its column
 * (numbers and dates by value, "no value" last) and each range filter's typed values, so
 * sorting and filtering here read cells as :sort: and :filter: do. Merged body cells are
 * split while rows move and merged again where the rows of a merged cell stay together.
 * Cell text is read with textContent and written with textContent, never as markup. No
 * inline script, no network: CSP script-src 'self' is enough. With JavaScript off the
 * table is the static table, whole.
 */
(function () {
  "use strict";

  var slice = Array.prototype.slice;

  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function button(className, text, action) {
    var el = make("button", className, text);
    el.type = "button";
    el.addEventListener("click", action);
    return el;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

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

  function leafColumns(grid) {
    // The leaf header cell over each column: one column wide and reaching the last row.
    var leaves = [], last = grid.length ? grid[grid.length - 1] : [];
    for (var c = 0; c < last.length; c++) {
      if (last[c] && last[c].colSpan === 1) leaves[c] = last[c];
    }
    return leaves;
  }

  // The text a cell shows, without its "new" badge; spaces collapsed.
  function shownText(cell) {
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), parts = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentNode.closest(".vlm-badge")) parts.push(node.data);
    }
    return parts.join("").replace(/\s+/g, " ").trim();
  }

  // -- typed bounds -------------------------------------------------------------------
  // A bound a reader types is read first as the cells' own texts (the build's values);
  // another text as data/values.py reads a number or a date (tested to agree).
  var NUMBER_HEAD = /^([~≈<>≤≥])?\s*([+\-\u2212])?(\d{1,3}(?:[,_]\d{3})+(?![\d,_])|\d+)?(\.\d+)?(?:[eE]([+-]?\d+))?/;
  var MAGNITUDES = {k: 3, K: 3, M: 6, B: 9, G: 9, T: 12};

  function numberTail(tail) {
    tail = tail.replace(/^\s+/, "");
    var magnitude = 0;
    if (tail && tail.charAt(0) in MAGNITUDES) {
      magnitude = MAGNITUDES[tail.charAt(0)];
      tail = tail.slice(1).replace(/^\s+/, "");
    }
    if (tail.charAt(0) === "%") tail = tail.slice(1).replace(/^\s+/, "");
    if (tail && !/^\([^()]*\)$/.test(tail)) return null;
    return magnitude;
  }

  function parseNumber(text) {
    text = text.trim();
    var match = NUMBER_HEAD.exec(text);
    if (!match || (match[3] === undefined && match[4] === undefined)) return null;
    var magnitude = numberTail(text.slice(match[0].length));
    if (magnitude === null) return null;
    var exponent = 0;
    if (match[5] !== undefined) {
      if (match[5].length >= 8 || Math.abs(Number(match[5])) > 100000) return null;
      exponent = Number(match[5]);
    }
    var digits = (match[3] || "0").replace(/[,_]/g, "") + (match[4] || "");
    var value = Number(digits + "e" + (exponent + magnitude));
    if (!isFinite(value)) value = Number.MAX_VALUE;
    return match[2] === "-" || match[2] === "\u2212" ? -value : value;
  }

  var MONTHS = {};
  ["january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
   "august aug", "september sep sept", "october oct", "november nov", "december dec"]
    .forEach(function (names, index) {
      names.split(" ").forEach(function (name) { MONTHS[name] = index + 1; });
    });

  function dateParts(text) {
    var match = /^\s*(\d{4})(?:\.(\d{1,2})|-(\d{1,2})(?:-(\d{1,2}))?)?\s*$/.exec(text);
    if (match) return [match[1], match[2] || match[3], match[4]];
    match = /^(?:(\d{1,2}) )?([A-Za-z]{3,9})\.?(?: (\d{1,2}),?)? (\d{4})$/.exec(text.trim());
    if (!match || !MONTHS.hasOwnProperty(match[2].toLowerCase())) return null;
    if (match[1] && match[3]) return null;
    return [match[4], String(MONTHS[match[2].toLowerCase()]), match[1] || match[3]];
  }

  function parseDate(text) {
    var parts = dateParts(text);
    if (!parts) return null;
    var year = Number(parts[0]), month = Number(parts[1] || 0), day = Number(parts[2] || 0);
    var check = new Date(0);
    check.setUTCFullYear(year, (month || 1) - 1, day || 1);
    if (year < 1 || check.getUTCFullYear() !== year || check.getUTCMonth() !== (month || 1) - 1 ||
        check.getUTCDate() !== (day || 1)) return null;
    return [year, month, day];
  }

  function precision(date) { return date[2] ? 3 : date[1] ? 2 : 1; }

  // Dates compare at the coarser precision of the two, as :filter: compares them.
  function compareValues(a, b) {
    if (typeof a === "number") return a - b;
    var upto = Math.min(precision(a), precision(b));
    for (var i = 0; i < upto; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  }

  // -- the table ----------------------------------------------------------------------
  // The sort "column" of the "Newest first" button (real columns count from 0).
  var NEWEST = -2;

  function Enhanced(table, data) {
    this.table = table;
    this.body = table.tBodies[0];
    this.ranks = JSON.parse(data.getAttribute("data-ranks"));
    this.labels = JSON.parse(data.getAttribute("data-labels"));
    // :new-since: tables: each row's rank by its latest added/updated date.
    this.recency = JSON.parse(data.getAttribute("data-recency") || "null");
    var explore = JSON.parse(data.getAttribute("data-explore") || "{}");
    this.keys = explore.keys || [];
    this.viewKey = explore.view || table.id;
    this.nameColumn = explore.name === undefined ? 0 : explore.name;
    this.pageSize = explore.page || 0;
    this.rows = slice.call(this.body.rows);
    this.rows.forEach(function (row, index) { row.vlmIndex = index; });
    this.hiddenVersion = 0;
    this.original = this.rows.map(function (row) { return slice.call(row.cells); });
    this.spans = this.original.map(function (cells) {
      return cells.map(function (cell) { return cell.rowSpan; });
    });
    this.split = this.splitCells();
    this.merged = this.split.merged;
    this.texts = [];
    this.sortColumn = -1;
    this.descending = false;
    this.query = "";
    this.page = 0;
    this.hidden = {};
    this.grid = headerGrid(table);
    this.groups = this.columnGroups();
    this.addButtons();
    this.addTools(explore.filters || []);
    this.shown = this.rows.map(function (_row, index) { return index; });
    this.fromAddress(true);
    if (this.rows.length > 1000) this.readAhead(0);
  }

  // A long table's text, read column by column while the page is idle, so the first
  // search does not wait for it.
  Enhanced.prototype.readAhead = function (column) {
    var self = this, later = window.requestIdleCallback || setTimeout;
    later(function () {
      if (column < self.keys.length) {
        self.columnText(column);
        self.readAhead(column + 1);
      } else {
        self.rowText();
      }
    });
  };

  // Each column's group labels ("Model Architecture"), read before the sort buttons
  // move the header's content.
  Enhanced.prototype.columnGroups = function () {
    var grid = this.grid, groups = [];
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
          copy.removeAttribute("id");
          row.push(copy);
          from.push(covering[c].id);
        } else {
          var cell = cells[k++];
          row.push(cell);
          from.push(cell.rowSpan > 1 ? "m" + r + ":" + c : null);
          if (cell.rowSpan > 1) {
            covering[c] = {cell: cell, until: r + cell.rowSpan, id: "m" + r + ":" + c};
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

  // Each row's text in one column, in lower case (made once, when first needed).
  Enhanced.prototype.columnText = function (column) {
    if (!this.texts[column]) {
      this.texts[column] = this.split.full.map(function (cells) {
        return cells[column] ? cells[column].textContent.toLowerCase() : "";
      });
    }
    return this.texts[column];
  };

  Enhanced.prototype.rowText = function () {
    if (!this.allText) {
      var columns = this.split.full.length ? this.split.full[0].length : 0, parts = [];
      for (var c = 0; c < columns; c++) parts.push(this.columnText(c));
      this.allText = this.rows.map(function (_row, index) {
        return parts.map(function (texts) { return texts[index]; }).join(" \u0001 ");
      });
    }
    return this.allText;
  };

  // The rows in the chosen order (kept until the order changes: pages reuse it).
  Enhanced.prototype.order = function () {
    var key = this.sortColumn + (this.descending ? "-" : "+");
    if (!this.ordered || this.ordered.key !== key) {
      this.ordered = {key: key, rows: this.sorted()};
    }
    return this.ordered.rows;
  };

  // Ranks are small whole numbers, so rows are sorted by counting (in time linear in
  // the rows, stable: equal ranks keep the view's order), "no value" last either way.
  Enhanced.prototype.sorted = function () {
    var column = this.sortColumn, count = this.rows.length, ranks = this.ranks;
    var indices = this.rows.map(function (_row, index) { return index; });
    if (column === -1) return indices;
    var keys = column === NEWEST ? this.recency :
      ranks.map(function (row) { return row[column]; });
    var down = column === NEWEST || this.descending, top = 0, i;
    for (i = 0; i < count; i++) if (keys[i] !== null && keys[i] > top) top = keys[i];
    var starts = new Array(top + 3).fill(0), slot = function (key) {
      return key === null ? top + 1 : down ? top - key : key;
    };
    for (i = 0; i < count; i++) starts[slot(keys[i]) + 1]++;
    for (i = 1; i < starts.length; i++) starts[i] += starts[i - 1];
    var sorted = new Array(count);
    for (i = 0; i < count; i++) sorted[starts[slot(keys[i])]++] = i;
    return sorted;
  };

  // The rows that pass the search and every filter, in the chosen order.
  Enhanced.prototype.matching = function () {
    var tests = this.filters.map(function (filter) { return filter.test(); })
      .filter(Boolean);
    if (this.query) {
      var text = this.rowText(), query = this.query;
      tests.push(function (index) { return text[index].indexOf(query) >= 0; });
    }
    var order = this.order();
    if (!tests.length) return order.slice();
    return order.filter(function (index) {
      for (var i = 0; i < tests.length; i++) if (!tests[i](index)) return false;
      return true;
    });
  };

  Enhanced.prototype.pageCount = function () {
    return this.pageSize ? Math.max(1, Math.ceil(this.shown.length / this.pageSize)) : 1;
  };

  // Show the view: how = "push" or "replace" writes it to the address, "keep" does not.
  Enhanced.prototype.render = function (how, samePage) {
    if (!samePage) this.shown = this.matching();
    this.page = Math.max(0, Math.min(this.page, this.pageCount() - 1));
    var rows = this.pageSize ?
      this.shown.slice(this.page * this.pageSize, (this.page + 1) * this.pageSize) : this.shown;
    var natural = this.sortColumn === -1 && rows.length === this.rows.length;
    // The body leaves the page while its rows move: one change to lay out, not one per
    // move. Rows that are not shown leave the body too.
    var body = this.body, parent = body.parentNode, next = body.nextSibling;
    parent.removeChild(body);
    body.textContent = "";
    var fragment = document.createDocumentFragment();
    if (natural && this.merged) {
      for (var i = 0; i < this.rows.length; i++) this.restore(i);
    }
    if (natural || !this.merged) {
      for (var k = 0; k < rows.length; k++) {
        this.syncHidden(rows[k]);
        fragment.appendChild(this.rows[rows[k]]);
      }
    } else {
      this.renderSplit(rows, fragment);
    }
    this.addTicks(rows);
    body.appendChild(fragment);
    parent.insertBefore(body, next);
    this.showCounts(rows);
    var box = this.table.closest("div.vlm-table-scroll");
    if (box) requestAnimationFrame(function () { markScrolling(box); });
    if (how !== "keep") this.toAddress(how);
  };

  Enhanced.prototype.restore = function (index) {
    var row = this.rows[index], cells = this.original[index], spans = this.spans[index];
    while (row.firstChild) row.removeChild(row.firstChild);
    for (var c = 0; c < cells.length; c++) {
      cells[c].rowSpan = spans[c];
      row.appendChild(cells[c]);
    }
  };

  Enhanced.prototype.renderSplit = function (sequence, fragment) {
    // Every shown row gets its full cells; then cells from one merged cell that stay next
    // to each other merge again.
    var full = this.split.full, origin = this.split.origin;
    for (var i = 0; i < sequence.length; i++) {
      var index = sequence[i], row = this.rows[index];
      this.syncHidden(index);
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
  };

  Enhanced.prototype.showCounts = function (rows) {
    var labels = this.labels, total = this.rows.length, shown = this.shown.length;
    this.count.textContent = fill(labels.shown, {shown: shown, total: total});
    if (!this.pager) return;
    var first = shown ? this.page * this.pageSize + 1 : 0;
    this.pager.status.textContent = fill(labels.rows, {
      first: first.toLocaleString(), last: (first ? first + rows.length - 1 : 0).toLocaleString(),
      count: shown.toLocaleString()
    });
    this.pager.previous.disabled = this.page === 0;
    this.pager.next.disabled = this.page >= this.pageCount() - 1;
  };

  // -- sorting ------------------------------------------------------------------------
  Enhanced.prototype.addButtons = function () {
    var leaves = leafColumns(this.grid), self = this;
    this.headers = [];
    this.columnLabels = [];
    leaves.forEach(function (th, column) {
      if (!th || !self.ranks.length || self.ranks[0][column] === undefined) return;
      var sort = button("vlm-sort-button", undefined, function () { self.sortBy(column); });
      // A button holds phrasing content only: the label's inline markup, not its <p>.
      while (th.firstChild) {
        var child = th.firstChild;
        if (child.nodeType === 1 && /^(P|DIV)$/.test(child.tagName)) {
          while (child.firstChild) sort.appendChild(child.firstChild);
          th.removeChild(child);
        } else {
          sort.appendChild(child);
        }
      }
      var label = sort.textContent.trim();
      self.columnLabels[column] = label;
      sort.setAttribute("aria-label", fill(self.labels.sort, {column: label}));
      var mark = make("span", "vlm-sort-mark");
      mark.setAttribute("aria-hidden", "true");
      sort.appendChild(mark);
      th.appendChild(sort);
      th.setAttribute("aria-sort", "none");
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
    this.page = 0;
    this.markSort();
    this.render("push");
  };

  Enhanced.prototype.markSort = function () {
    if (this.newest) {
      this.newest.setAttribute("aria-pressed", String(this.sortColumn === NEWEST));
    }
    for (var c = 0; c < this.headers.length; c++) {
      var th = this.headers[c];
      if (!th) continue;
      var state = c !== this.sortColumn ? "none" : this.descending ? "descending" : "ascending";
      th.setAttribute("aria-sort", state);
    }
  };

  // "Newest first": rows by their latest added/updated date, then back to the view's order.
  Enhanced.prototype.newestButton = function () {
    var self = this;
    this.newest = button("vlm-newest", this.labels.newest, function () {
      self.sortColumn = self.sortColumn !== NEWEST ? NEWEST : -1;
      self.descending = false;
      self.page = 0;
      self.markSort();
      self.render("push");
    });
    this.newest.setAttribute("aria-pressed", "false");
    return this.newest;
  };

  // -- the tools above the table ------------------------------------------------------
  Enhanced.prototype.addTools = function (filters) {
    var tools = this.owned(make("div", "vlm-table-tools")), self = this;
    this.tools = tools;
    var input = make("input", "vlm-search");
    input.type = "search";
    input.placeholder = this.labels.placeholder;
    input.setAttribute("aria-label", this.labels.search);
    this.search = input;
    this.count = make("span", "vlm-count");
    this.count.setAttribute("role", "status");
    this.count.setAttribute("aria-live", "polite");
    tools.appendChild(input);
    if (this.recency) tools.appendChild(this.newestButton());
    this.addCompare();
    tools.appendChild(this.count);
    var anchor = this.table.closest(".vlm-table-scroll") || this.table;
    anchor.parentNode.insertBefore(tools, anchor);
    this.typed(input, function () { self.query = input.value.trim().toLowerCase(); });
    this.filters = filters.map(function (spec) { return self.makeFilter(spec); })
      .filter(Boolean);
    this.addFilterPanel();
    this.addColumnMenu();
    this.addTakeAway();
    if (this.pageSize) this.addPager(anchor);
    this.count.textContent = fill(this.labels.shown, {shown: this.rows.length, total: this.rows.length});
  };

  // The tools of a table say which table they work on.
  Enhanced.prototype.owned = function (el) {
    el.setAttribute("data-vlm-for", this.table.id);
    return el;
  };

  // A text field: each keystroke shows the view (the first of a run of typing adds a
  // step to the browser's history, the rest update it).
  Enhanced.prototype.typed = function (input, read) {
    var self = this, typing = false;
    input.addEventListener("input", function () {
      read();
      self.page = 0;
      self.render(typing ? "replace" : "push");
      typing = true;
    });
    input.addEventListener("change", function () { typing = false; });
  };

  Enhanced.prototype.label = function (column) {
    var label = this.columnLabels[column] || this.keys[column] || "";
    return this.groups[column] ? this.groups[column] + " / " + label : label;
  };

  Enhanced.prototype.addTakeAway = function () {
    var self = this, group = make("span", "vlm-take-away");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", this.labels.download);
    group.appendChild(make("span", "vlm-take-away-label", this.labels.download + ":"));
    ["csv", "json"].forEach(function (kind) {
      var b = button("vlm-download-rows", self.labels[kind], function () { self.download(kind); });
      b.setAttribute("aria-label", self.labels.download + ": " + self.labels[kind]);
      group.appendChild(b);
    });
    var link = button("vlm-copy-link", this.labels.copyLink, function () { self.copyLink(); });
    this.tools.insertBefore(group, this.count);
    this.tools.insertBefore(link, this.count);
  };

  Enhanced.prototype.addPager = function (anchor) {
    var self = this, pager = this.owned(make("div", "vlm-pager"));
    var go = function (step) {
      return function () { self.page += step; self.render("push", true); };
    };
    pager.previous = button("vlm-page-previous", this.labels.previous, go(-1));
    pager.next = button("vlm-page-next", this.labels.next, go(1));
    pager.status = make("span", "vlm-page-status");
    pager.status.setAttribute("aria-live", "polite");
    pager.appendChild(pager.previous);
    pager.appendChild(pager.status);
    pager.appendChild(pager.next);
    anchor.parentNode.insertBefore(pager, anchor.nextSibling);
    this.pager = pager;
  };

  // -- filters ------------------------------------------------------------------------
  Enhanced.prototype.addFilterPanel = function () {
    if (!this.filters.length) return;
    var self = this, panel = this.owned(make("details", "vlm-filter-panel"));
    panel.open = true;
    panel.appendChild(make("summary", "", this.labels.filters));
    var list = make("div", "vlm-filter-list");
    this.filters.forEach(function (filter) { list.appendChild(filter.element); });
    panel.appendChild(list);
    panel.appendChild(button("vlm-clear", this.labels.clear, function () {
      self.clearFilters();
      self.render("push");
    }));
    this.tools.parentNode.insertBefore(panel, this.tools.nextSibling);
    this.panel = panel;
  };

  Enhanced.prototype.clearFilters = function () {
    this.filters.forEach(function (filter) { filter.set(""); });
    this.search.value = "";
    this.query = "";
    this.page = 0;
  };

  Enhanced.prototype.makeFilter = function (spec) {
    var column = spec[0], kind = spec[1];
    if (this.ranks.length && this.ranks[0][column] === undefined) return null;
    var filter = kind === "number" || kind === "date" ? this.rangeFilter(column, kind, spec[3]) :
      kind === "contains" ? this.containsFilter(column) : this.choiceFilter(column, spec[2]);
    filter.column = column;
    filter.key = this.keys[column];
    filter.element.classList.add("vlm-filter", "vlm-filter-" + kind);
    return filter;
  };

  Enhanced.prototype.filterBox = function (tag, column) {
    var box = make(tag);
    box.appendChild(make(tag === "fieldset" ? "legend" : "span", "vlm-filter-name",
                         this.columnLabels[column] || this.keys[column]));
    return box;
  };

  Enhanced.prototype.containsFilter = function (column) {
    var self = this, box = this.filterBox("label", column), input = make("input");
    input.type = "search";
    input.setAttribute("aria-label", fill(this.labels.contains, {column: this.label(column)}));
    box.appendChild(input);
    var text = "";
    this.typed(input, function () { text = input.value.trim().toLowerCase(); });
    return {
      element: box,
      value: function () { return input.value.trim(); },
      set: function (value) { input.value = value; text = value.trim().toLowerCase(); },
      test: function () {
        if (!text) return null;
        var texts = self.columnText(column), wanted = text;
        return function (index) { return texts[index].indexOf(wanted) >= 0; };
      }
    };
  };

  // A choice list: each value once (a matrix's states in their order), "no value" last.
  Enhanced.prototype.choiceFilter = function (column, order) {
    var self = this, box = this.filterBox("label", column), select = make("select");
    select.setAttribute("aria-label", this.label(column));
    select.appendChild(new Option(this.labels.any, ""));
    var texts = {}, ranks = this.ranks, full = this.split.full;
    for (var row = 0; row < ranks.length; row++) {
      var rank = ranks[row][column];
      if (!(rank in texts)) texts[rank] = full[row][column] ? shownText(full[row][column]) : "";
    }
    order.forEach(function (rank) {
      var text = rank === null && !texts["null"] ? self.labels.noValue : texts[rank];
      if (text !== undefined) select.appendChild(new Option(text, rank === null ? "none" : String(rank)));
    });
    box.appendChild(select);
    select.addEventListener("change", function () { self.page = 0; self.render("push"); });
    var optionText = function () {
      return select.value ? select.options[select.selectedIndex].text : "";
    };
    return {
      element: box,
      value: optionText,
      set: function (value) {
        select.value = "";
        for (var i = 1; i < select.options.length; i++) {
          if (select.options[i].text === value) select.selectedIndex = i;
        }
      },
      test: function () {
        if (!select.value) return null;
        var wanted = select.value === "none" ? null : Number(select.value);
        return function (index) { return ranks[index][column] === wanted; };
      }
    };
  };

  // A range: from and to, each read as the column's cells are read (its own texts first).
  // A column's own texts, each with its rank (the first text of each value), and a list
  // of them (at most about 200) to suggest as bounds.
  Enhanced.prototype.valueTexts = function (column) {
    var ranks = this.ranks, full = this.split.full, byText = {}, seen = [];
    var list = make("datalist");
    list.id = this.table.id + "-values-" + column;
    for (var row = 0; row < ranks.length; row++) {
      var rank = ranks[row][column];
      if (rank !== null && !seen[rank] && full[row][column]) {
        seen[rank] = true;
        var text = shownText(full[row][column]);
        if (!(text in byText)) byText[text] = rank;
      }
    }
    Object.keys(byText).sort(function (a, b) { return byText[a] - byText[b]; })
      .forEach(function (text, index, all) {
        if (all.length <= 200 || index % Math.ceil(all.length / 200) === 0) {
          list.appendChild(new Option(text));
        }
      });
    return {byText: byText, list: list};
  };

  Enhanced.prototype.rangeFilter = function (column, kind, values) {
    var self = this, box = this.filterBox("fieldset", column), ranks = this.ranks;
    var texts = this.valueTexts(column), byText = texts.byText, list = texts.list;
    var parse = kind === "number" ? parseNumber : parseDate;
    var bound = function (input) {
      var text = input.value.trim();
      var value = !text ? null : text in byText ? values[byText[text]] : parse(text);
      input.setAttribute("aria-invalid", String(!!text && value === null));
      return value;
    };
    var inputs = ["from", "to"].map(function (end) {
      var input = make("input", "vlm-" + end);
      input.type = "text";
      input.size = 8;
      input.placeholder = self.labels[end + "Hint"];
      input.setAttribute("aria-label", fill(self.labels[end], {column: self.label(column)}));
      input.setAttribute("list", list.id);
      self.typed(input, function () {});
      box.appendChild(input);
      return input;
    });
    box.appendChild(list);
    return {
      element: box,
      value: function () {
        var from = inputs[0].value.trim(), to = inputs[1].value.trim();
        return from || to ? from + ".." + to : "";
      },
      set: function (value) {
        var parts = value.split("..");
        inputs[0].value = parts.length === 2 ? parts[0] : "";
        inputs[1].value = parts.length === 2 ? parts[1] : "";
      },
      test: function () {
        var from = bound(inputs[0]), to = bound(inputs[1]);
        if (from === null && to === null) return null;
        return function (index) {
          var rank = ranks[index][column];
          if (rank === null) return false;  // no value never matches, as in :filter:
          var value = values[rank];
          return (from === null || compareValues(value, from) >= 0) &&
            (to === null || compareValues(value, to) <= 0);
        };
      }
    };
  };

  // -- columns ------------------------------------------------------------------------
  Enhanced.prototype.addColumnMenu = function () {
    var self = this, menu = make("details", "vlm-column-menu"), list = make("div");
    menu.appendChild(make("summary", "", this.labels.columns));
    this.columnLabels.forEach(function (label, column) {
      if (column === self.nameColumn) return;  // the model column stays
      var item = make("label"), box = make("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = self.keys[column] || String(column);
      box.setAttribute("aria-label", fill(self.labels.show, {column: self.label(column)}));
      box.addEventListener("change", function () {
        self.hideColumn(column, !box.checked);
        self.toAddress("push");
      });
      item.appendChild(box);
      item.appendChild(document.createTextNode(" " + label));
      list.appendChild(item);
    });
    menu.appendChild(list);
    this.columnMenu = menu;
    this.tools.insertBefore(menu, this.count);
    var cols = this.table.querySelectorAll("colgroup > col");
    this.cols = cols.length === this.columnLabels.length ? slice.call(cols) : [];
  };

  // Hide or show a column: its cells (merged ones and their copies too), its <col>, and
  // the group headers over it, which span only their shown columns (none: hidden).
  Enhanced.prototype.hideColumn = function (column, hide) {
    if (!!this.hidden[column] === hide) return;
    if (hide) this.hidden[column] = true;
    else delete this.hidden[column];
    this.hiddenVersion++;
    // The rows in the page now; others when they are next shown (see render).
    for (var i = 0; i < this.body.rows.length; i++) this.syncHidden(this.body.rows[i].vlmIndex);
    var col = this.cols[column];
    if (col) {
      if (hide) col.remove();
      else this.placeCol(column);
    }
    this.fitHeader();
    var box = this.table.closest("div.vlm-table-scroll");
    if (box) requestAnimationFrame(function () { markScrolling(box); });
  };

  Enhanced.prototype.syncHidden = function (index) {
    var row = this.rows[index], hidden = this.hidden;
    if (row.vlmHidden === this.hiddenVersion) return;
    row.vlmHidden = this.hiddenVersion;
    this.split.full[index].forEach(function (cell, column) {
      cell.classList.toggle("vlm-column-hidden", !!hidden[column]);
    });
  };

  Enhanced.prototype.placeCol = function (column) {
    var after = null;
    for (var c = column + 1; c < this.cols.length && !after; c++) {
      if (this.cols[c].parentNode) after = this.cols[c];
    }
    var group = this.table.querySelector("colgroup");
    if (group) group.insertBefore(this.cols[column], after);
  };

  Enhanced.prototype.fitHeader = function () {
    var hidden = this.hidden, seen = [];
    this.grid.forEach(function (row) {
      row.forEach(function (cell, column) {
        if (seen.indexOf(cell) < 0) seen.push(cell);
        if (!cell.vlmColumns) cell.vlmColumns = [];
        if (cell.vlmColumns.indexOf(column) < 0) cell.vlmColumns.push(column);
      });
    });
    seen.forEach(function (cell) {
      var shown = cell.vlmColumns.filter(function (c) { return !hidden[c]; }).length;
      cell.classList.toggle("vlm-column-hidden", shown === 0);
      if (cell.vlmColumns.length > 1) cell.colSpan = Math.max(1, shown);
    });
  };

  // -- the address --------------------------------------------------------------------
  // The view of each table is in the page's fragment as "<table>.<what>=<value>" (the
  // table's :name:, or its id)
  // pairs: sort, q (search), f.<column key> (a filter), hide, tick, page. Pairs of other
  // tables stay; anything unknown or stale is ignored.
  Enhanced.prototype.state = function () {
    var self = this, pairs = [], id = this.viewKey;
    if (this.sortColumn === NEWEST) pairs.push(["sort", "newest"]);
    else if (this.sortColumn >= 0) {
      pairs.push(["sort", (this.descending ? "-" : "") + this.keys[this.sortColumn]]);
    }
    if (this.search.value.trim()) pairs.push(["q", this.search.value.trim()]);
    this.filters.forEach(function (filter) {
      if (filter.value()) pairs.push(["f." + filter.key, filter.value()]);
    });
    var hidden = Object.keys(this.hidden).map(function (c) { return self.keys[c]; });
    if (hidden.length) pairs.push(["hide", hidden.join(",")]);
    var ticked = this.tickedRows().map(function (index) { return self.rows[index].id; });
    if (ticked.length) pairs.push(["tick", ticked.join(",")]);
    if (this.page) pairs.push(["page", String(this.page + 1)]);
    return pairs.map(function (pair) { return [id + "." + pair[0], pair[1]]; });
  };

  function fragmentPairs() {
    var pairs = [];
    new URLSearchParams(location.hash.slice(1)).forEach(function (value, key) {
      if (key.indexOf(".") > 0) pairs.push([key, value]);
    });
    return pairs;
  }

  Enhanced.prototype.toAddress = function (how) {
    var prefix = this.viewKey + ".";
    var pairs = fragmentPairs().filter(function (pair) { return pair[0].indexOf(prefix) !== 0; });
    var query = new URLSearchParams();
    pairs.concat(this.state()).forEach(function (pair) { query.append(pair[0], pair[1]); });
    var fragment = query.toString();
    var url = location.pathname + location.search + (fragment ? "#" + fragment : "");
    if (url === location.pathname + location.search + location.hash) return;
    history[how === "push" ? "pushState" : "replaceState"](null, "", url);
  };

  // Show the view the fragment holds (none: the table as built); on a page's first load,
  // the table that has a view in it comes into sight.
  Enhanced.prototype.fromAddress = function (first) {
    var prefix = this.viewKey + ".", state = {};
    fragmentPairs().forEach(function (pair) {
      if (pair[0].indexOf(prefix) === 0) state[pair[0].slice(prefix.length)] = pair[1];
    });
    var any = Object.keys(state).length > 0;
    if (first && !any) {
      if (this.pageSize) this.render("keep");
      else this.addTicks(this.shown);
      return;
    }
    this.applyState(state);
    this.render("keep");
    if (first) this.tools.scrollIntoView();
  };

  Enhanced.prototype.applyState = function (state) {
    var self = this, keys = this.keys;
    var sort = state.sort || "", key = sort.replace(/^-/, "");
    this.sortColumn = sort === "newest" && this.recency ? NEWEST :
      keys.indexOf(key) >= 0 && this.headers[keys.indexOf(key)] ? keys.indexOf(key) : -1;
    this.descending = this.sortColumn >= 0 && sort.charAt(0) === "-";
    this.markSort();
    this.search.value = state.q || "";
    this.query = this.search.value.trim().toLowerCase();
    this.filters.forEach(function (filter) { filter.set(state["f." + filter.key] || ""); });
    var hidden = (state.hide || "").split(",");
    keys.forEach(function (name, column) {
      var hide = column !== self.nameColumn && hidden.indexOf(name) >= 0;
      self.hideColumn(column, hide);
      var box = self.columnMenu.querySelector("input[value='" + CSS.escape(name) + "']");
      if (box) box.checked = !hide;
    });
    var ticked = (state.tick || "").split(",");
    this.addTicks(this.rows.map(function (_row, index) { return index; }).filter(function (index) {
      return ticked.indexOf(self.rows[index].id) >= 0;
    }));
    this.ticks.forEach(function (box, index) {
      if (box) box.checked = ticked.indexOf(self.rows[index].id) >= 0;
    });
    this.ticked();
    this.page = /^\d+$/.test(state.page || "") ? Number(state.page) - 1 : 0;
  };

  Enhanced.prototype.copyLink = function () {
    var self = this, url = location.href, status = this.count;
    var fallback = function () {
      var field = make("input", "vlm-link-field");
      field.readOnly = true;
      field.value = url;
      field.setAttribute("aria-label", self.labels.copyThis);
      var old = self.tools.querySelector(".vlm-link-field");
      if (old) old.remove();
      self.tools.appendChild(field);
      field.select();
    };
    var done = function () { status.textContent = self.labels.copied; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, fallback);
    } else {
      fallback();
    }
  };

  // -- taking the rows away -----------------------------------------------------------
  // The rows that pass the search and filters (every page), the columns shown, as the
  // build's downloads write them: CSV with each linked column followed by its URL, and
  // cells a spreadsheet would run as a formula prefixed with "'"; JSON keyed by column.
  var FORMULA_START = /^[=+\-@\t\r]/;
  var PLAIN_NUMBER = /^[+-]?(\p{Nd}[\p{Nd},]*(\.\p{Nd}*)?|\.\p{Nd}+)([eE][+-]?\p{Nd}+)?%?$/u;

  function spreadsheetSafe(text) {
    return FORMULA_START.test(text) && text !== "-" && !PLAIN_NUMBER.test(text) ? "'" + text : text;
  }

  function csvLine(values) {
    if (values.length === 1 && values[0] === "") return '""';
    return values.map(function (value) {
      return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
    }).join(",");
  }

  Enhanced.prototype.takenRows = function () {
    var full = this.split.full, hidden = this.hidden;
    var columns = this.keys.map(function (_key, c) { return c; })
      .filter(function (c) { return !hidden[c]; });
    var rows = this.shown.map(function (index) {
      return columns.map(function (c) {
        var cell = full[index][c], link = cell && cell.querySelector("a[href]");
        return {text: cell ? shownText(cell) : "", url: link ? link.href : null};
      });
    });
    return {columns: columns, rows: rows};
  };

  Enhanced.prototype.asCsv = function (taken) {
    var self = this, linked = taken.columns.map(function (_c, i) {
      return taken.rows.some(function (row) { return row[i].url !== null; });
    });
    var header = [];
    taken.columns.forEach(function (c, i) {
      header.push(self.columnLabels[c]);
      if (linked[i]) header.push(self.columnLabels[c] + " URL");
    });
    var lines = [csvLine(header.map(spreadsheetSafe))];
    taken.rows.forEach(function (row) {
      var line = [];
      row.forEach(function (cell, i) {
        line.push(cell.text);
        if (linked[i]) line.push(cell.url || "");
      });
      lines.push(csvLine(line.map(spreadsheetSafe)));
    });
    return lines.join("\n") + "\n";
  };

  Enhanced.prototype.asJson = function (taken) {
    var keys = this.keys;
    var records = taken.rows.map(function (row) {
      var record = {};
      row.forEach(function (cell, i) {
        record[keys[taken.columns[i]]] = cell.url === null ? cell.text : {text: cell.text, url: cell.url};
      });
      return record;
    });
    return JSON.stringify(records, null, 2) + "\n";
  };

  Enhanced.prototype.download = function (kind) {
    var taken = this.takenRows();
    var text = kind === "csv" ? this.asCsv(taken) : this.asJson(taken);
    var type = kind === "csv" ? "text/csv" : "application/json";
    var link = make("a");
    link.href = URL.createObjectURL(new Blob([text], {type: type + ";charset=utf-8"}));
    link.download = (this.table.id || "table") + "." + kind;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  };

  // -- comparing ----------------------------------------------------------------------
  // Side by side: a tick box before each model's name (the model column is known from
  // the data, wherever it is); "Compare" shows the ticked models (2 to 4) as columns and
  // the shown columns as rows, in the page. The cells are copies of the table's own
  // cells (no ids), so nothing new reaches the page.
  var MIN_COMPARE = 2, MAX_COMPARE = 4;

  Enhanced.prototype.addCompare = function () {
    var self = this;
    this.ticks = [];
    this.compareButton = button("vlm-compare-button", this.labels.compare, function () {
      self.showComparison();
    });
    this.compareButton.disabled = true;
    this.tools.appendChild(this.compareButton);
  };

  // Tick boxes are made for rows as they are first shown (a long table's other pages
  // cost nothing until then).
  Enhanced.prototype.addTicks = function (rows) {
    var self = this, name = this.nameColumn;
    if (name < 0) return;
    rows.forEach(function (index) {
      if (self.ticks[index] !== undefined) return;
      self.ticks[index] = null;
      if (self.split.origin[index][name]) return;  // a merged name: not one model
      var cell = self.split.full[index][name], box = make("input", "vlm-tick");
      box.type = "checkbox";
      box.setAttribute("aria-label", fill(self.labels.tick, {model: shownText(cell)}));
      box.addEventListener("change", function () {
        self.ticked();
        self.toAddress("push");
      });
      var holder = cell.querySelector("p") || cell;  // on the name's line
      holder.insertBefore(box, holder.firstChild);
      self.ticks[index] = box;
    });
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
    slice.call(cell.childNodes).forEach(function (child) {
      copy.appendChild(child.cloneNode(true));
    });
    slice.call(copy.querySelectorAll(".vlm-tick")).forEach(function (el) { el.remove(); });
    slice.call(copy.querySelectorAll("[id]")).forEach(function (el) {
      el.removeAttribute("id");
    });
    return copy;
  }

  Enhanced.prototype.showComparison = function () {
    var self = this, rows = this.tickedRows(), name = this.nameColumn, full = this.split.full;
    if (this.comparison) this.comparison.remove();
    var region = make("div", "vlm-compare-live");
    region.setAttribute("role", "region");
    region.setAttribute("aria-label", this.labels.compare);
    var close = button("vlm-compare-close", this.labels.close, function () {
      region.remove();
      self.comparison = null;
    });
    var table = make("table", "vlm-compare docutils");
    var head = table.createTHead().insertRow();
    var corner = make("th", "", this.columnLabels[name] || "");
    corner.scope = "col";
    head.appendChild(corner);
    rows.forEach(function (index) {
      var th = copyOf(full[index][name], "th");
      th.scope = "col";
      head.appendChild(th);
    });
    var body = table.createTBody();
    for (var c = 0; c < full[rows[0]].length; c++) {
      if (c === name || this.hidden[c]) continue;
      var line = body.insertRow(), label = make("th", "", this.label(c));
      label.scope = "row";
      line.appendChild(label);
      var texts = {};
      rows.forEach(function (index) {
        var cell = full[index][c];
        texts[cell.textContent.trim()] = true;
        line.appendChild(copyOf(cell, "td"));  // a value: a data cell
      });
      if (Object.keys(texts).length > 1) line.className = "vlm-differs";
    }
    region.appendChild(close);
    region.appendChild(table);
    this.tools.parentNode.insertBefore(region, this.tools.nextSibling);
    this.comparison = region;
    close.focus();
  };

  // -- scroll boxes -------------------------------------------------------------------
  // A table's scroll box: the element that really scrolls (ours, or a theme's wrapper
  // inside it, found by measuring) is a labelled region a keyboard can reach, and only
  // while it overflows.
  function markScrolling(box) {
    var table = box.querySelector("table.vlm-table");
    if (!table) return;
    var chain = [];
    for (var el = table.parentElement; el && el !== box.parentElement; el = el.parentElement) {
      chain.push(el);
    }
    var scroller = null;
    chain.forEach(function (el) {
      var style = getComputedStyle(el);
      var sideways = /auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
      var down = /auto|scroll/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
      if (!scroller && (sideways || down)) scroller = el;
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

  // Measured again when the window changes size, when the page has loaded, and when a
  // theme's script wraps a table in a box of its own (Read the Docs' does, after us).
  function watchScrolling() {
    var pending = false;
    var later = function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; markAllScrolling(); });
    };
    markAllScrolling();
    window.addEventListener("resize", later);
    window.addEventListener("load", later);
    if (window.MutationObserver) {
      var observer = new MutationObserver(later);
      var boxes = document.querySelectorAll("div.vlm-table-scroll");
      for (var i = 0; i < boxes.length; i++) observer.observe(boxes[i], {childList: true});
    }
  }

  var tables = [];

  function enhanceAll() {
    var blocks = document.querySelectorAll("div.vlm-sort-data[data-table]");
    for (var i = 0; i < blocks.length; i++) {
      // The table with that id (a theme may give a label of the same id to another element).
      var id = blocks[i].getAttribute("data-table");
      var table = document.querySelector("table#" + CSS.escape(id));
      if (table && table.tBodies.length && !table.hasAttribute("data-vlm-enhanced")) {
        table.setAttribute("data-vlm-enhanced", "");
        table.vlmTable = new Enhanced(table, blocks[i]);
        tables.push(table.vlmTable);
      }
    }
  }

  // A link to a row (#model-...) of a long table shows the page that has it.
  Enhanced.prototype.reveal = function (id) {
    var index = this.rows.findIndex(function (row) { return row.id === id; });
    if (index < 0 || this.rows[index].parentNode || !this.pageSize) return;
    var at = this.shown.indexOf(index);
    if (at < 0) return;
    this.page = Math.floor(at / this.pageSize);
    this.render("keep");
    this.rows[index].scrollIntoView();
  };

  // Back and forward: each table shows the view its part of the fragment holds (none:
  // the table as built); a fragment that names an element is a link to it.
  function followAddress() {
    var hash = location.hash.slice(1);
    tables.forEach(function (enhanced) {
      if (!hash || hash.indexOf("=") >= 0) enhanced.fromAddress(false);
      else enhanced.reveal(decodeURIComponent(hash));
    });
  }

  function start() {
    enhanceAll();
    watchScrolling();
    window.addEventListener("popstate", followAddress);
    if (location.hash && location.hash.indexOf("=") < 0) followAddress();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
