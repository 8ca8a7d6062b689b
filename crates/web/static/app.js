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
