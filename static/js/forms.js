// Forms and messages for keyboard and screen-reader users, without inline script:
// - after a failed submit the error summary takes focus, so its problems are read out
//   (WCAG 3.3.1);
// - a link in the summary moves focus to the field itself (the first radio of a question
//   or the input), with its label or legend in view (WCAG 2.4.3);
// - the page's messages ("Saved.") are announced: a live region is silent about what it
//   holds when the page loads, so they are shown (and so announced) just after
//   (WCAG 4.1.3), without moving anything on the page.
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

  // Hidden, not removed, until then: a hidden message keeps its place, so nothing on the
  // page moves when it appears (a removed one, put back, moved the page under the pointer),
  // and one live region holds each message once.
  var messages = document.getElementById("messages");
  if (messages && messages.children.length) {
    var items = Array.prototype.slice.call(messages.children);
    items.forEach(function (item) { item.style.visibility = "hidden"; });
    window.setTimeout(function () {
      items.forEach(function (item) { item.style.visibility = ""; });
    }, 200);
  }
}());
