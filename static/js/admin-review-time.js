/* The time a PT has had a program's page open (while it is in view), offered for the
   "time spent reviewing" row: a suggestion, put in only when they press the button.
   Without JavaScript the row is filled in by hand. */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var row = document.querySelector("#review_times-group tbody tr.form-row:not(.has_original):not(.empty-form)");
  if (!row) return;
  var minutes = row.querySelector("input[name$='-minutes']");
  if (!minutes) return;
  var seen = 0, since = document.hidden ? null : Date.now();
  document.addEventListener("visibilitychange", function () {
    if (document.hidden && since !== null) { seen += Date.now() - since; since = null; }
    else if (!document.hidden) { since = Date.now(); }
  });
  function spent() {
    return Math.max(1, Math.round((seen + (since === null ? 0 : Date.now() - since)) / 60000));
  }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button";
  var status = document.createElement("span");
  status.setAttribute("aria-live", "polite");
  function label() { button.textContent = "Use the time on this page: " + spent() + " min"; }
  label();
  setInterval(label, 30000);
  button.addEventListener("click", function () {
    minutes.value = spent();
    status.textContent = " Filled in: check it, then save.";
    minutes.focus();
  });
  minutes.parentNode.appendChild(document.createElement("br"));
  minutes.parentNode.appendChild(button);
  minutes.parentNode.appendChild(status);
});
