// Small progressive enhancements. Every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Character counters for textareas with data-counter.
  document.querySelectorAll("textarea[maxlength]").forEach((area) => {
    const counter = document.createElement("p");
    counter.className = "form-text char-counter";
    counter.setAttribute("aria-live", "polite");
    const max = Number(area.getAttribute("maxlength"));
    const update = () => {
      counter.textContent = `${area.value.length} of ${max} characters`;
    };
    area.insertAdjacentElement("afterend", counter);
    area.addEventListener("input", update);
    update();
  });
});
