// "These answers may help": as a patient types a question on /ask/, the site's own
// published answers and articles that match it are listed under the box. The text goes
// only to this site (/search/suggest/), after a pause in typing, in the body of a POST
// (never in an address, which access logs keep). Without JavaScript the form works as
// before.
(function () {
  "use strict";
  var PAUSE_MS = 600;
  var MIN_CHARS = 12;

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var box = document.getElementById("id_text");
    var list = document.getElementById("ask-suggestions");
    if (!box || !list || !window.fetch) return;
    var timer = null;
    var lastAsked = "";
    var controller = null;

    function show(results) {
      list.textContent = "";
      if (!results.length) {
        list.hidden = true;
        return;
      }
      var heading = document.createElement("h2");
      heading.className = "h6";
      heading.textContent = "These answers may help (they open in a new tab, your question stays here)";
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
      list.appendChild(heading);
      list.appendChild(ul);
      list.hidden = false;
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
