// The coding page (research/rscoding/coding.html): selecting text with the mouse fills in
// the "Words to code" form, with the selection's character offsets in hidden fields.
// Without this script the form works by typing the words (the server finds them), so
// selecting is an enhancement, never the only way. Each piece of the text is an element
// with `data-start`, its offset in the document's text; code labels carry no offset and
// are skipped.
(function () {
  "use strict";

  function paintSwatches() {
    document.querySelectorAll(".code-swatch[data-colour]").forEach(function (swatch) {
      // Set through the style object: the CSP forbids style attributes in the markup.
      swatch.style.backgroundColor = swatch.getAttribute("data-colour");
    });
  }

  function pieces(container) {
    return Array.prototype.slice.call(container.querySelectorAll("[data-start]"));
  }

  function pieceText(piece) {
    return piece.textContent || "";
  }

  // The offset in the document of a selection boundary (node, offset).
  function boundaryOffset(container, node, offset, isEnd) {
    var parent = node.nodeType === Node.TEXT_NODE ? node.parentElement : null;
    if (parent && parent.hasAttribute("data-start")) {
      return parseInt(parent.getAttribute("data-start"), 10) + offset;
    }
    var point = document.createRange();
    point.setStart(node, offset);
    point.collapse(true);
    var all = pieces(container);
    var found = null;
    for (var i = 0; i < all.length; i += 1) {
      var position = point.comparePoint(all[i], 0);
      if (!isEnd && position >= 0) {
        found = parseInt(all[i].getAttribute("data-start"), 10);
        break;
      }
      if (isEnd && position >= 0) {
        break;
      }
      if (isEnd) {
        found = parseInt(all[i].getAttribute("data-start"), 10) + pieceText(all[i]).length;
      }
    }
    return found;
  }

  // The document's words between two offsets, read from the pieces.
  function textBetween(container, start, end) {
    var parts = [];
    pieces(container).forEach(function (piece) {
      var from = parseInt(piece.getAttribute("data-start"), 10);
      var text = pieceText(piece);
      var to = from + text.length;
      if (to > start && from < end) {
        parts.push(text.slice(Math.max(0, start - from), Math.min(text.length, end - from)));
      }
    });
    return parts.join(" ");
  }

  function setUp(container, form) {
    var passage = form.querySelector("[name=passage]");
    var startField = form.querySelector("[name=start]");
    var endField = form.querySelector("[name=end]");
    var status = form.querySelector("[data-selection-status]");
    if (!passage || !startField || !endField) {
      return;
    }

    function readSelection() {
      var selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
        return;
      }
      var range = selection.getRangeAt(0);
      if (!container.contains(range.commonAncestorContainer)) {
        return;
      }
      var start = boundaryOffset(container, range.startContainer, range.startOffset, false);
      var end = boundaryOffset(container, range.endContainer, range.endOffset, true);
      if (start === null || end === null || end <= start) {
        return;
      }
      var words = textBetween(container, start, end);
      if (!words.trim()) {
        return;
      }
      startField.value = String(start);
      endField.value = String(end);
      passage.value = words;
      if (status) {
        status.textContent = "Selected: “" + (words.length > 80 ? words.slice(0, 80) + "…" : words) +
          "”. Choose codes and apply them.";
      }
    }

    container.addEventListener("mouseup", readSelection);
    container.addEventListener("keyup", readSelection);
    // Typed words are found by the server: an earlier selection no longer applies.
    passage.addEventListener("input", function () {
      startField.value = "";
      endField.value = "";
      if (status) {
        status.textContent = "";
      }
    });
  }

  function init() {
    paintSwatches();
    var container = document.querySelector("[data-coding-text]");
    var form = document.querySelector("[data-coding-form]");
    if (container && form) {
      setUp(container, form);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
