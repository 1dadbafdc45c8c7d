// Small progressive enhancements. Every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // The page's words for this script, from templates/includes/js_messages.html (in the
  // page's language); the English here when a page lacks them.
  const message = (name, english) => {
    const messages = document.getElementById("js-messages");
    return (messages && messages.dataset[name]) || english;
  };

  // Character counters for textareas with data-counter.
  document.querySelectorAll("textarea[maxlength]").forEach((area) => {
    const counter = document.createElement("p");
    counter.className = "form-text char-counter";
    counter.setAttribute("aria-live", "polite");
    const max = Number(area.getAttribute("maxlength"));
    const words = message("characters", "{count} of {max} characters");
    const update = () => {
      counter.textContent = words.replace("{count}", area.value.length).replace("{max}", max);
    };
    area.insertAdjacentElement("afterend", counter);
    area.addEventListener("input", update);
    update();
  });
});

// Folded article sections print whole, in browsers without ::details-content too.
window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details.more:not([open])").forEach((details) => {
    details.open = true;
    details.dataset.printOpened = "";
  });
});
window.addEventListener("afterprint", () => {
  document.querySelectorAll("details.more[data-print-opened]").forEach((details) => {
    details.open = false;
    delete details.dataset.printOpened;
  });
});
