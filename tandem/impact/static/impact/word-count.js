// Live word counts for the impact case-study sections. The server shows the same count
// (and any over-limit warning) after each save, so nothing depends on this script.
(function () {
  "use strict";
  function countWords(text) {
    var words = text.trim().split(/\s+/);
    return words[0] === "" ? 0 : words.length;
  }
  function describe(words, limit) {
    if (!limit) { return words + " word" + (words === 1 ? "" : "s") + "."; }
    if (words > limit) {
      return "Over the limit: " + words + " words: " + (words - limit) + " over the limit of " + limit + ".";
    }
    return words + " of " + limit + " words.";
  }
  function attach(area) {
    var output = document.getElementById("impact-count");
    if (!output) { return; }
    var limit = parseInt(area.getAttribute("data-word-limit") || "0", 10);
    var timer = null;
    area.setAttribute("aria-describedby", ((area.getAttribute("aria-describedby") || "") + " impact-count").trim());
    function update() {
      var words = countWords(area.value);
      output.textContent = describe(words, limit);
      output.classList.toggle("impact-over", limit > 0 && words > limit);
    }
    area.addEventListener("input", function () {
      window.clearTimeout(timer);
      // A short pause before updating, so a screen reader is not interrupted on every key.
      timer = window.setTimeout(update, 300);
    });
    // Text typed (or pasted) before this script ran is counted too; untouched text keeps
    // the server's count.
    if (area.value !== area.defaultValue) { update(); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var areas = document.querySelectorAll("textarea[data-word-count]");
    for (var i = 0; i < areas.length; i += 1) { attach(areas[i]); }
  });
})();
