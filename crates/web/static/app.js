// Character counters: under every text field with a length limit, how much
// of it is used, as the reader writes numbers. The pages work without it;
// the server checks every limit again.
(function () {
  "use strict";
  // 1000 and 10000 as the server writes them: the separator it groups
  // thousands with, and whether it groups four digits at all.
  var samples = (document.body.getAttribute("data-numbers") || "1000|10000").split("|");
  var separator = (samples[1] || "").replace(/[0-9]/g, "");
  var groupsFour = (samples[0] || "").length > 4;
  var format = function (n) {
    var digits = String(n);
    if (!separator || (n < 10000 && !groupsFour)) return digits;
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  };
  var template = document.body.getAttribute("data-counter") || "{used} / {max}";
  var fields = document.querySelectorAll("textarea[maxlength], input[maxlength]:not([type=hidden])");
  Array.prototype.forEach.call(fields, function (field, i) {
    var max = Number(field.getAttribute("maxlength"));
    // Short fields (a code, an IBAN) are seen whole: no counter.
    if (!max || max < 100) return;
    var counter = document.createElement("p");
    counter.className = "hint counter";
    counter.id = (field.id || "field-" + i) + "-counter";
    field.insertAdjacentElement("afterend", counter);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? described + " " + counter.id : counter.id);
    var update = function () {
      var used = Array.from(field.value).length;
      counter.textContent = template
        .replace("{used}", format(used))
        .replace("{max}", format(max));
      counter.classList.toggle("near", used > max * 0.9);
    };
    field.addEventListener("input", update);
    update();
  });
})();

// Sortable tables: in a table marked "sortable", each column header becomes
// a button that sorts the rows by that column, then the other way round.
// A cell's data-sort (minor units, an ISO date) is what it sorts by; numbers
// compare as numbers, words as the reader's language orders them. Without
// the script the rows keep the order the server chose.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var words = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
  var number = /^-?\d+(\.\d+)?$/;
  var key = function (row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    var given = cell.getAttribute("data-sort");
    return given !== null ? given : cell.textContent.trim();
  };
  var compare = function (a, b) {
    if (number.test(a) && number.test(b)) return Number(a) - Number(b);
    return words.compare(a, b);
  };
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    if (!table.tHead || !table.tBodies[0]) return;
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, column) {
      if (th.hasAttribute("data-nosort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = compare(key(a, column), key(b, column));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
