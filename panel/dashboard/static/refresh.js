/* Keep the page's live part ([data-live]) up to date without reloading. Where the browser has
   EventSource, the server says when something of the panelist's changed (GET /events,
   server-sent events) and the page fetches itself again and swaps that part in; the browser
   reconnects by itself. The live part names the cursor it was drawn at (data-cursor, also
   sent as ?since=): any event with another cursor fetches the page, also a `ready` after a
   reconnect (a fetch that failed is made good then), and an answer drawn before the one
   shown (two fetches crossing) is not swapped in. Without EventSource, while a receipt is
   still being read, the page is fetched every few seconds (stops when nothing is
   unfinished, after ten minutes, or on any trouble: the link on the page still works). */
(function () {
  "use strict";
  var SECONDS = 4, GIVE_UP_AFTER = 150;
  var tries = 0;

  function region(doc) { return doc.querySelector("[data-live]"); }

  function drawnAt(part) {  // "c12" -> 12; -1 when the part names none
    var cursor = part && part.getAttribute("data-cursor");
    return cursor ? parseInt(cursor.slice(1), 10) : -1;
  }

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
        if (!fresh || fresh.id !== here.id || drawnAt(fresh) < drawnAt(here)) return;
        var cursor = fresh.getAttribute("data-cursor");
        if (cursor) here.setAttribute("data-cursor", cursor);
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
    var told = function (event) {
      var cursor = JSON.parse(event.data).cursor;
      if (cursor !== region(document).getAttribute("data-cursor")) swap();
    };
    events.addEventListener("changes", told);
    events.addEventListener("ready", told);
    window.addEventListener("pagehide", function () { events.close(); });
  } else {
    window.setTimeout(poll, SECONDS * 1000);
  }
})();
