// Forms and messages for keyboard and screen-reader users, without inline script:
// - after a failed submit the error summary takes focus, so its problems are read out
//   (WCAG 3.3.1);
// - a link in the summary moves focus to the field itself (the first radio of a question
//   or the input), with its label or legend in view (WCAG 2.4.3);
// - the page's messages ("Saved.") are announced: a live region is silent about what it
//   holds when the page loads, so their words are put into a hidden one just after
//   (WCAG 4.1.3), while the visible messages stay put (no layout shift).
(function () {
  "use strict";
  var FIELDS = "input:not([type=hidden]), select, textarea";

  function fieldFor(target) {
    if (target.matches(FIELDS)) { return target; }
    return target.querySelector(FIELDS) || target;
  }

  function moveTo(link, event) {
    var id = decodeURIComponent(link.getAttribute("href").slice(1));
    var target = document.getElementById(id);
    if (!target) { return; }
    var field = fieldFor(target);
    var fieldset = field.closest("fieldset");
    var caption = fieldset ? fieldset.querySelector("legend") : document.querySelector("label[for='" + field.id + "']");
    event.preventDefault();
    (caption || field).scrollIntoView();
    field.focus({ preventScroll: true });
  }

  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (link) { moveTo(link, event); }
    });
  }

  // The visible messages stay where they are (taking them out and putting them back would
  // move the page under the reader's pointer); their words go into a separate, hidden
  // live region just after the page loads, which is what is read out.
  var messages = document.getElementById("messages");
  if (messages && messages.children.length) {
    var spoken = document.createElement("div");
    spoken.className = "visually-hidden";
    spoken.setAttribute("role", "status");
    messages.parentNode.insertBefore(spoken, messages);
    window.setTimeout(function () {
      spoken.textContent = messages.textContent.replace(/\s+/g, " ").trim();
    }, 200);
  }
}());
