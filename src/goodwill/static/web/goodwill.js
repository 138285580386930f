// Keyboard shortcuts, focus after an action in place, and copying a draft.
// Everything also works without this file: links and plain forms.
(function () {
  "use strict";
  // Typing, or a control with keys of its own: no letter may be taken for a shortcut there.
  function typing(target) {
    if (!target || !target.tagName) { return false; }
    var tag = target.tagName.toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable) { return true; }
    return !!(target.closest && target.closest('[contenteditable]:not([contenteditable="false"]), [role="textbox"], [role="searchbox"], [role="combobox"]'));
  }
  function go(key) {
    var link = document.querySelector('nav a[data-key="' + key + '"]');
    if (link) { window.location.href = link.href; return true; }
    return false;
  }
  function focusSearch() {
    var search = document.getElementById("q");
    if (!search) { return false; }
    search.focus();
    search.select();
    return true;
  }
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.isComposing || event.keyCode === 229) { return; }
    // Ctrl/Cmd+Enter saves the form being typed in.
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && typing(event.target)) {
      var form = event.target.form;
      if (form) { event.preventDefault(); form.requestSubmit ? form.requestSubmit() : form.submit(); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    if (event.key === "/") {
      event.preventDefault();
      // On People the search box is right here; elsewhere People opens with the focus in it.
      if (!focusSearch()) { window.location.href = "/people/#q"; }
      return;
    }
    if (event.key === "?") {
      var help = document.querySelector(".foot details");
      if (help) { help.open = true; help.querySelector("summary").focus(); }
      return;
    }
    if (["l", "t", "p", "r", "m", "n", "o", "i", "b"].indexOf(event.key) >= 0 && go(event.key)) { event.preventDefault(); }
  });
  // Arriving by "/" from another page: the search box has the focus, so what is typed next is the search.
  if (window.location.hash === "#q") {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", focusSearch);
    } else {
      focusSearch();
    }
  }

  // After an action in place the button pressed may be gone with the section it was in (one marked
  // data-refocus): put the focus on what changed (data-focus), else the section's heading, so Tab goes on.
  var swapped = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    swapped = event.detail.target && event.detail.target.id;
  });
  document.addEventListener("htmx:afterSettle", function () {
    showCopyButtons();
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

  // Copy a draft: a button marked data-copy="ID" copies the text of element ID. The buttons stay
  // hidden without this file (nothing to press that would not work).
  function showCopyButtons() {
    var buttons = document.querySelectorAll("button[data-copy][hidden]");
    for (var i = 0; i < buttons.length; i++) { buttons[i].hidden = false; }
  }
  function copyBySelection(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    return done;
  }
  function say(button, text) {
    var status = button.parentNode && button.parentNode.querySelector(".copied");
    if (status) { status.textContent = text; }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (!button) { return; }
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) { return; }
    var text = source.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { say(button, "Copied."); }, function () {
        say(button, copyBySelection(source) ? "Copied." : "Selected: press Ctrl+C to copy.");
      });
    } else {
      say(button, copyBySelection(source) ? "Copied." : "Selected: press Ctrl+C to copy.");
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showCopyButtons);
  } else {
    showCopyButtons();
  }
})();
