// Reloads a page that marks itself with data-refresh-seconds (for example an import that a
// background worker is still checking), so its progress updates without inline script.
(function () {
  var marker = document.querySelector("[data-refresh-seconds]");
  if (!marker) { return; }
  var seconds = parseInt(marker.getAttribute("data-refresh-seconds"), 10) || 3;
  window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
}());
