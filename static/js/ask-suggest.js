// "These answers may help": as a patient types a question on /ask/, the site's own
// published answers and articles that match it are listed just above the box, where a
// phone's keyboard does not cover them, and a status line tells screen readers they are
// there. The text goes only to this site (/search/suggest/), after a pause in typing, in
// the body of a POST (never in an address, which access logs keep). Without JavaScript
// the form works as before.
(function () {
  "use strict";
  var PAUSE_MS = 600;
  var MIN_CHARS = 12;
  // A phone shows the best 3: with the keyboard up, more would not fit above the box.
  var NARROW = "(max-width: 575.98px)";
  var MOST_ON_A_PHONE = 3;

  // The page's words for this script, from templates/includes/js_messages.html (in the
  // page's language); the English here when a page lacks them.
  function message(name, english) {
    var messages = document.getElementById("js-messages");
    return (messages && messages.dataset[name]) || english;
  }

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var box = document.getElementById("id_text");
    var list = document.getElementById("ask-suggestions");
    var status = document.getElementById("ask-suggestions-status");
    if (!box || !list || !window.fetch) return;
    var timer = null;
    var lastAsked = "";
    var lastShown = "";
    var controller = null;

    function render(results) {
      list.textContent = "";
      if (!results.length) {
        list.hidden = true;
        return;
      }
      var heading = document.createElement("h2");
      heading.className = "h6 mb-1";
      heading.id = "ask-suggestions-heading";
      heading.textContent = message("suggestionsHeading", "These answers may help");
      var note = document.createElement("p");
      note.className = "small mb-1";
      note.textContent = message(
        "suggestionsNote",
        "They open in a new tab. Your question stays here."
      );
      var ul = document.createElement("ul");
      results.forEach(function (result) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = result.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = result.title;
        var kind = document.createElement("span");
        kind.className = "ask-suggestion-kind";
        kind.textContent = " (" + result.kind.toLowerCase() + ")";
        li.appendChild(link);
        li.appendChild(kind);
        ul.appendChild(li);
      });
      list.setAttribute("aria-labelledby", heading.id);
      list.appendChild(heading);
      list.appendChild(note);
      list.appendChild(ul);
      list.hidden = false;
    }

    // While the patient types, the box stays where it was on the screen (the list grows
    // above it, so without this the box and the caret would slide under the keyboard);
    // and if the list's top is then out of sight while there is room under the box in
    // the part of the screen the keyboard leaves, the page moves just enough to show it.
    // At once, not smoothly: the page must not drift under the patient's thumb.
    function keepInView(boxTopBefore) {
      var by = box.getBoundingClientRect().top - boxTopBefore;
      if (!list.hidden) {
        var view = window.visualViewport;
        var viewTop = view ? view.offsetTop : 0;
        var viewBottom = viewTop + (view ? view.height : window.innerHeight);
        var outOfSight = viewTop - (list.getBoundingClientRect().top - by);
        var room = viewBottom - (box.getBoundingClientRect().bottom - by);
        if (outOfSight > 0 && room > 0) by -= Math.min(outOfSight, room);
      }
      if (by) window.scrollBy({ top: by, behavior: "instant" });
    }

    function show(results) {
      if (window.matchMedia && window.matchMedia(NARROW).matches) {
        results = results.slice(0, MOST_ON_A_PHONE);
      }
      var shown = results
        .map(function (result) {
          return result.url;
        })
        .join(" ");
      if (shown === lastShown) return;
      lastShown = shown;
      var typing = document.activeElement === box;
      var before = box.getBoundingClientRect().top;
      render(results);
      if (typing) keepInView(before);
      if (status) {
        // One and more than one: the plural forms of English and Spanish (n != 1).
        var words =
          results.length === 1
            ? message(
                "suggestionsOne",
                "{count} answer may help: listed just before the question box."
              )
            : message(
                "suggestionsOther",
                "{count} answers may help: listed just before the question box."
              );
        status.textContent = results.length ? words.replace("{count}", results.length) : "";
      }
    }

    function ask() {
      var text = box.value.trim().slice(0, 500);
      if (text.length < MIN_CHARS || text === lastAsked) return;
      lastAsked = text;
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var token = box.form && box.form.querySelector("input[name=csrfmiddlewaretoken]");
      var body = new URLSearchParams();
      body.append("q", text);
      fetch(list.getAttribute("data-url"), {
        method: "POST",
        headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
        body: body,
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          show(data.results || []);
        })
        .catch(function () {
          /* a failed look-up changes nothing: the form still works */
        });
    }

    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, PAUSE_MS);
    });
  });
})();
