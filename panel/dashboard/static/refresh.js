/* While a receipt is still being read, fetch this page again every few seconds and swap in
   the part that changed ([data-live]), so a person sees it become accepted. Stops when
   nothing is unfinished, after ten minutes, or on any trouble (the link on the page still
   works). */
(function () {
  "use strict";
  var SECONDS = 4, GIVE_UP_AFTER = 150;
  var tries = 0;

  function region(doc) { return doc.querySelector("[data-live]"); }

  function check() {
    var here = region(document);
    if (!here || !here.hasAttribute("data-refresh") || ++tries > GIVE_UP_AFTER) return;
    if (document.hidden) { window.setTimeout(check, SECONDS * 1000); return; }
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok || response.redirected) throw new Error("stopped");
        return response.text();
      })
      .then(function (html) {
        var fresh = region(new DOMParser().parseFromString(html, "text/html"));
        if (!fresh || fresh.id !== here.id) return;
        if (fresh.innerHTML !== here.innerHTML) {
          here.innerHTML = fresh.innerHTML;
          if (!fresh.hasAttribute("data-refresh")) here.removeAttribute("data-refresh");
        }
        window.setTimeout(check, SECONDS * 1000);
      })
      .catch(function () { /* leave the page as it is */ });
  }

  window.setTimeout(check, SECONDS * 1000);
})();
