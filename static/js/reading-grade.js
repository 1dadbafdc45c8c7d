// Article admin: the reading grade of the text, recomputed on the server as the PT types.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const output = document.querySelector(".reading-level[data-url]");
  const form = output && output.closest("form");
  if (!form) return;
  const sections = ["what_it_is", "symptoms", "causes", "when_to_see_pt", "treatment", "exercises_intro", "summary"];
  const fields = sections.map((name) => form.querySelector(`[name="${name}"]`)).filter(Boolean);
  let timer = null;

  const update = async () => {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    fields.forEach((field) => body.append(field.name, field.value));
    try {
      const response = await fetch(output.dataset.url, { method: "POST", body, credentials: "same-origin" });
      if (!response.ok) return;
      const result = await response.json();
      const verdict = result.easy
        ? "easy enough for most patients"
        : `too hard: aim for grade ${result.target} or lower with shorter sentences and words`;
      output.replaceChildren(
        "US school grade ",
        Object.assign(document.createElement("strong"), { textContent: result.grade }),
        ` (${verdict}). About ${result.minutes} min to read.`,
      );
    } catch (error) {
      // Offline or signed out: the grade is computed again on save anyway.
    }
  };

  fields.forEach((field) =>
    field.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(update, 600);
    }),
  );
});
