/* Keep the page's live part ([data-live]) up to date without reloading. Where the browser has
   EventSource, the server says when something of the panelist's changed (GET /events,
   server-sent events) and the page fetches itself again and swaps that part in; the browser
   reconnects by itself. Without EventSource, while a receipt is still being read, the page
   is fetched every few seconds (stops when nothing is unfinished, after ten minutes, or on
   any trouble: the link on the page still works). */
(function () {
  "use strict";
  var SECONDS = 4, GIVE_UP_AFTER = 150;
  var tries = 0;

  function region(doc) { return doc.querySelector("[data-live]"); }

  function swap(then) {
    var here = region(document);
    if (!here) return;
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
          else here.setAttribute("data-refresh", "");
        }
        if (then) then();
      })
      .catch(function () { /* leave the page as it is */ });
  }

  function poll() {
    var here = region(document);
    if (!here || !here.hasAttribute("data-refresh") || ++tries > GIVE_UP_AFTER) return;
    if (document.hidden) { window.setTimeout(poll, SECONDS * 1000); return; }
    swap(function () { window.setTimeout(poll, SECONDS * 1000); });
  }

  var live = region(document);
  var url = live && live.getAttribute("data-events");
  if (url && typeof window.EventSource === "function") {
    var events = new EventSource(url);
    events.addEventListener("changes", function () { swap(); });
    window.addEventListener("pagehide", function () { events.close(); });
  } else {
    window.setTimeout(poll, SECONDS * 1000);
  }
})();
