// Exercise pages: the click-to-load video and the handout's print button.
// Without this file the play control is a plain link to the video, and the
// browser's own print command prints the handout.
"use strict";

(() => {
  // The privacy-enhanced players, the only frames the Content-Security-Policy allows.
  const PLAYERS = {
    youtube: { id: /^[A-Za-z0-9_-]{11}$/, src: (id) => `https://www.youtube-nocookie.com/embed/${id}?autoplay=1` },
    vimeo: { id: /^[1-9][0-9]{0,11}$/, src: (id) => `https://player.vimeo.com/video/${id}?dnt=1&autoplay=1` },
  };

  // The page's words for this script, from templates/includes/js_messages.html (in the
  // page's language); the English here when a page lacks them.
  function message(name, english) {
    const messages = document.getElementById("js-messages");
    return (messages && messages.dataset[name]) || english;
  }

  // Said beside the player: a blocked, removed or offline video shows no error we can
  // read from here (the frame is another site's), so the way to the steps is always there.
  function fallback(box, offline) {
    const note = document.createElement("p");
    note.className = "video-fallback";
    note.setAttribute("role", "status");
    note.append(
      offline
        ? message("videoOffline", "The video cannot load: you seem to be offline.")
        : message(
            "videoBlocked",
            "Video not starting? It may be blocked on this network or no longer online."
          ),
      " "
    );
    const link = document.createElement("a");
    link.href = box.dataset.stepsUrl || "#steps";
    link.textContent = message("videoSteps", "Follow the written steps instead");
    note.append(link, ".");
    box.after(note);
  }

  function play(box) {
    const player = PLAYERS[box.dataset.videoProvider];
    const id = box.dataset.videoId;
    if (!player || !player.id.test(id)) return false;
    if (box.nextElementSibling && box.nextElementSibling.classList.contains("video-fallback")) {
      box.nextElementSibling.remove();
    }
    if (navigator.onLine === false) {
      fallback(box, true);
      return true;
    }
    const frame = document.createElement("iframe");
    frame.src = player.src(id);
    frame.title = box.dataset.videoTitle || message("videoTitle", "Video");
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    // YouTube refuses embeds that send no origin; the site's own policy sends none across origins.
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    box.replaceChildren(frame);
    box.classList.add("is-playing");
    fallback(box, false);
    frame.focus();
    return true;
  }

  function enhance(box) {
    const link = box.querySelector("a.play-button");
    if (!link || !PLAYERS[box.dataset.videoProvider]) return;
    // A real button: it acts here, it does not go anywhere.
    const button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    const label = link.getAttribute("aria-label") || message("videoPlay", "Play video");
    button.setAttribute("aria-label", label);
    button.replaceChildren(...link.childNodes);
    button.addEventListener("click", () => {
      if (!play(box)) window.location.href = link.href;
    });
    link.replaceWith(button);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".video[data-video-id]").forEach(enhance);
    document.querySelectorAll("button[data-print]").forEach((button) => {
      button.hidden = false;
      button.addEventListener("click", () => window.print());
    });
  });
})();
