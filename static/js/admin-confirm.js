/* A button with data-confirm asks first ("Revoke the link?"): one click must not cut a
   patient off by mistake. Without JavaScript the button works as it is. */
"use strict";
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("button[data-confirm]");
  if (button && !window.confirm(button.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
