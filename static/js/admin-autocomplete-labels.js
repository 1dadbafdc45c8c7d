/* The admin's autocomplete boxes (select2) name themselves after their column and row.
   select2 labels its box by the chosen option alone, so an empty box has no name at all
   for a screen reader; the <select> it replaces carries ours ("Exercise, row 2"). */
"use strict";
(function () {
  function name(select) {
    var label = select.getAttribute("aria-label");
    var box = label && select.parentNode.querySelector(".select2-selection[role=combobox]");
    if (!box) { return; }
    box.setAttribute("aria-label", label);
    box.removeAttribute("aria-labelledby");
    // The read-only text inside it, with the chosen item (or nothing yet).
    var shown = box.querySelector("[role=textbox]");
    if (shown) { shown.setAttribute("aria-label", label); }
  }
  // select2 draws its box (and draws the text again after a choice) whenever it likes:
  // name every box it adds or changes.
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      var around = change.target.closest && change.target.closest(".related-widget-wrapper, td, div");
      if (around) {
        around.querySelectorAll("select.admin-autocomplete[aria-label]").forEach(name);
      }
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
