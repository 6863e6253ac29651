// A table wider than the screen scrolls inside its .table-wrap. Keyboard users can scroll
// it only if it can take focus, and screen-reader users need to know what it is: so each
// wrap that scrolls becomes a focusable region named by its table's caption (WCAG 2.1.1,
// 1.3.1). Checked again when the window changes size (a phone turned, a zoom).
(function () {
  "use strict";
  var counter = 0;

  function nameFor(wrap) {
    var caption = wrap.querySelector("caption");
    if (!caption) { return null; }
    if (!caption.id) {
      counter += 1;
      caption.id = "table-caption-" + counter;
    }
    return caption.id;
  }

  function update() {
    var wraps = document.querySelectorAll(".table-wrap");
    Array.prototype.forEach.call(wraps, function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      var labelled = wrap.hasAttribute("aria-label") || wrap.hasAttribute("aria-labelledby");
      if (scrolls) {
        if (wrap.getAttribute("role") === "region" && labelled) {
          wrap.setAttribute("tabindex", "0");
          return;
        }
        var caption = nameFor(wrap);
        wrap.setAttribute("role", "region");
        wrap.setAttribute("tabindex", "0");
        if (caption) {
          wrap.setAttribute("aria-labelledby", caption);
        } else {
          wrap.setAttribute("aria-label", "Table");
        }
        wrap.setAttribute("data-region-added", "");
      } else if (wrap.hasAttribute("data-region-added")) {
        wrap.removeAttribute("role");
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("aria-labelledby");
        wrap.removeAttribute("aria-label");
        wrap.removeAttribute("data-region-added");
      }
    });
  }

  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(update, 100);
  });
  // Rows htmx swaps in can widen a table.
  document.addEventListener("htmx:afterSettle", update);
  update();
}());
