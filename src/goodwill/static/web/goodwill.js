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
    if (["l", "t", "p", "r", "m", "n"].indexOf(event.key) >= 0 && go(event.key)) { event.preventDefault(); }
  });
})();
