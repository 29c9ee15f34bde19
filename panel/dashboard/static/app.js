/* Installable web app: register the service worker (static/sw.js, served at /sw.js). */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  });
  var logout = document.querySelector("form.logout");
  if (logout) logout.addEventListener("submit", function () {
    if (navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage("forget-pages");
  });
})();
