// Keyboard shortcuts. Everything also works without this file: links and plain forms.
(function () {
  "use strict";
  function typing(target) {
    var tag = (target.tagName || "").toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }
  function go(key) {
    var link = document.querySelector('nav a[data-key="' + key + '"]');
    if (link) { window.location.href = link.href; return true; }
    return false;
  }
  document.addEventListener("keydown", function (event) {
    // Ctrl/Cmd+Enter saves the form being typed in.
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && typing(event.target)) {
      var form = event.target.form;
      if (form) { event.preventDefault(); form.requestSubmit ? form.requestSubmit() : form.submit(); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    if (event.key === "/") {
      var search = document.getElementById("q");
      event.preventDefault();
      if (search) { search.focus(); search.select(); } else { window.location.href = "/people/"; }
      return;
    }
    if (event.key === "?") {
      var help = document.querySelector(".foot details");
      if (help) { help.open = true; help.querySelector("summary").focus(); }
      return;
    }
    if (["l", "t", "p", "r", "m", "n", "o", "i", "b"].indexOf(event.key) >= 0 && go(event.key)) { event.preventDefault(); }
  });
  // After an action in place the button pressed may be gone with the section it was in (one marked
  // data-refocus): put the focus on what changed (data-focus), else the section's heading, so Tab goes on.
  var swapped = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    swapped = event.detail.target && event.detail.target.id;
  });
  document.addEventListener("htmx:afterSettle", function () {
    var active = document.activeElement;
    var section = swapped && document.getElementById(swapped);
    swapped = null;
    if (!section || !section.hasAttribute("data-refocus")) { return; }
    if (active && active !== document.body && document.contains(active)) { return; }
    var spot = section.querySelector("[data-focus]") || section.querySelector("h2, h3") || section;
    if (!spot.hasAttribute("tabindex")) { spot.setAttribute("tabindex", "-1"); }
    spot.focus();
    spot.removeAttribute("data-focus");
  });
})();
