// Before a session ends (WCAG 2.2.1, timing adjustable):
// - a warning dialog opens two minutes before, and "Stay signed in" extends the session
//   (POST to the session-extend endpoint) without leaving the page;
// - text typed in a form's text boxes is kept as a draft in this browser (localStorage, per
//   person and page), offered back if the page is opened again, and cleared once the form
//   is sent successfully or the person signs out.
(function () {
  "use strict";
  var dialog = document.getElementById("session-warning");
  var PREFIX = "tandem-draft|";
  var SUBMITTED = "tandem-draft-submitted";
  var MAX_AGE_MS = 12 * 60 * 60 * 1000;

  function storage(kind) {
    try { return window[kind]; } catch (error) { return null; }
  }
  var local = storage("localStorage");
  var session = storage("sessionStorage");

  // ---- drafts ----
  function draftKey(user, field) {
    return PREFIX + user + "|" + window.location.pathname + "|" + field.name;
  }

  function draftFields() {
    return Array.prototype.slice.call(
      document.querySelectorAll("form[method=post] textarea[name]:not([data-no-draft])")
    );
  }

  function forgetAll(user) {
    if (!local) { return; }
    for (var index = local.length - 1; index >= 0; index -= 1) {
      var key = local.key(index);
      if (key && key.indexOf(PREFIX + user + "|") === 0) { local.removeItem(key); }
    }
  }

  function clearSubmitted() {
    // The form sent last time succeeded unless this page shows its errors again, asks the
    // person to sign in, or is an error page: only then are its drafts forgotten.
    if (!session || !local) { return; }
    var raw = session.getItem(SUBMITTED);
    if (!raw) { return; }
    session.removeItem(SUBMITTED);
    var failed = document.querySelector(".error-summary, .field--error, .error-page") ||
      window.location.pathname.indexOf("/accounts/") === 0;
    if (failed) { return; }
    JSON.parse(raw).forEach(function (key) { local.removeItem(key); });
  }

  function offerDraft(field, key) {
    var saved = JSON.parse(local.getItem(key) || "null");
    if (!saved || Date.now() - saved.at > MAX_AGE_MS) { local.removeItem(key); return; }
    if (!saved.text || saved.text === field.value) { return; }
    var original = field.value;
    field.value = saved.text;
    var note = document.createElement("p");
    note.className = "draft-note";
    note.setAttribute("role", "status");
    var when = new Date(saved.at).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
    note.appendChild(document.createTextNode("Restored the draft you typed on " + when + " and did not send. "));
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "link-button";
    discard.textContent = "Discard the draft";
    discard.addEventListener("click", function () {
      field.value = original;
      local.removeItem(key);
      note.parentNode.removeChild(note);
      field.focus();
    });
    note.appendChild(discard);
    field.parentNode.insertBefore(note, field);
  }

  function keepDrafts(user) {
    if (!local) { return; }
    draftFields().forEach(function (field) {
      var key = draftKey(user, field);
      offerDraft(field, key);
      field.addEventListener("input", function () {
        try {
          local.setItem(key, JSON.stringify({ text: field.value, at: Date.now() }));
        } catch (error) { /* storage full or refused: the form still works */ }
      });
      field.form.addEventListener("submit", function () {
        if (!session) { return; }
        var keys = JSON.parse(session.getItem(SUBMITTED) || "[]");
        if (keys.indexOf(key) < 0) { keys.push(key); }
        session.setItem(SUBMITTED, JSON.stringify(keys));
      });
    });
    var signOut = document.querySelector("form[action$='/accounts/logout/']");
    if (signOut) {
      signOut.addEventListener("submit", function () { forgetAll(user); });
    }
  }

  // ---- the warning ----
  function describe(seconds) {
    if (seconds >= 90) { return Math.round(seconds / 60) + " minutes"; }
    if (seconds >= 60) { return "1 minute"; }
    return Math.max(seconds, 0) + " seconds";
  }

  function warnBeforeExpiry() {
    var warnMs = parseInt(dialog.getAttribute("data-warn-seconds"), 10) * 1000;
    var idleMs = parseInt(dialog.getAttribute("data-idle-seconds"), 10) * 1000;
    var deadline = Date.now() + parseInt(dialog.getAttribute("data-seconds-left"), 10) * 1000;
    var countdown = dialog.querySelector("[data-session-countdown]");
    var form = dialog.querySelector("form[data-session-extend]");
    var before = null;
    var timer = null;

    function tick() {
      var left = Math.round((deadline - Date.now()) / 1000);
      if (left <= 0) {
        var message = dialog.querySelector("[data-session-message]");
        message.textContent = "You have been signed out because the page was left for too long. " +
          "Text you typed in this page's boxes is kept as a draft in this browser.";
        form.innerHTML = "";
        var link = document.createElement("a");
        link.className = "button";
        link.href = "/accounts/login/?next=" + encodeURIComponent(window.location.pathname);
        link.textContent = "Sign in again";
        form.appendChild(link);
        if (!dialog.open) { dialog.showModal(); }
        link.focus();
        return;
      }
      if (deadline - Date.now() <= warnMs) {
        countdown.textContent = describe(left);
        if (!dialog.open) {
          before = document.activeElement;
          dialog.showModal();
        }
        timer = window.setTimeout(tick, 1000);
        return;
      }
      timer = window.setTimeout(tick, Math.min(deadline - warnMs - Date.now(), 60000));
    }

    function restart(secondsLeft) {
      deadline = Date.now() + secondsLeft * 1000;
      window.clearTimeout(timer);
      if (dialog.open) {
        dialog.close();
        if (before && before.focus) { before.focus(); }
      }
      tick();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (data) {
        restart(data.seconds_left);
      }).catch(function () { form.submit(); });
    });
    // A request htmx sends counts as activity too.
    document.addEventListener("htmx:afterRequest", function () {
      if (!dialog.open) { deadline = Math.max(deadline, Date.now() + idleMs - 60000); }
    });
    tick();
  }

  clearSubmitted();
  if (dialog) {
    keepDrafts(dialog.getAttribute("data-user"));
    warnBeforeExpiry();
  }
}());
