// Person picker (people/_person_picker.html): "Add" puts the person's email address on its
// own line in the target field, once. Filterable selects (select[data-filterable]) get a
// box above them that hides the options not matching what is typed. Without this script
// the search page and the plain select still work.
(function () {
  "use strict";

  function addEmail(button) {
    var picker = button.closest("[data-picker-target]");
    if (!picker) return;
    var field = document.getElementById(picker.getAttribute("data-picker-target"));
    if (!field) return;
    var email = button.getAttribute("data-person-email");
    var lines = field.value.split(/[\n,;]+/).map(function (line) { return line.trim().toLowerCase(); });
    var announce = picker.querySelector("#person-picker-announce");
    if (lines.indexOf(email.toLowerCase()) === -1) {
      field.value = (field.value.trim() ? field.value.replace(/\s*$/, "\n") : "") + email;
      if (announce) announce.textContent = "Added " + button.getAttribute("data-person-name") + ".";
    } else if (announce) {
      announce.textContent = button.getAttribute("data-person-name") + " is already in the list.";
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-person-email]");
    if (button) addEmail(button);
  });

  function makeFilterable(select) {
    if (select.hasAttribute("data-filter-ready")) return;
    select.setAttribute("data-filter-ready", "");
    var box = document.createElement("input");
    box.type = "search";
    box.id = select.id + "-filter";
    box.autocomplete = "off";
    box.className = "select-filter";
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.textContent = "Filter the list by name";
    select.parentNode.insertBefore(label, select);
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(select.options, function (option) {
        var text = option.textContent.toLowerCase();
        var keep = !option.value || words.every(function (word) { return text.indexOf(word) !== -1; });
        option.hidden = !keep;
      });
    });
  }

  function init() {
    document.querySelectorAll("select[data-filterable]").forEach(makeFilterable);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
