/* Photos taken offline wait on the phone (IndexedDB) and are shared when the network
   returns. Each waiting receipt keeps the idempotency key it was given when it was taken, so
   sending it again after a lost answer shares it once (the server answers a repeated key with
   the first receipt). Used by upload.js; window.receiptQueue. */
(function () {
  "use strict";
  var DB = "panel-uploads", STORE = "waiting";
  var sending = false;

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "key" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var result = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () { db.close(); resolve(result && result.result); };
        transaction.onerror = function () { db.close(); reject(transaction.error); };
      });
    });
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function add(files) {
    var pages = Array.prototype.map.call(files, function (file) {
      return { blob: file, name: file.name, type: file.type };
    });
    return run("readwrite", function (store) {
      store.put({ key: newKey(), pages: pages, taken: Date.now() });
    });
  }

  function all() { return run("readonly", function (store) { return store.getAll(); }); }

  function forget(key) { return run("readwrite", function (store) { store.delete(key); }); }

  function sendOne(item, form) {
    var body = new FormData();
    body.append("csrf_token", form.querySelector("[name=csrf_token]").value);
    body.append("idempotency_key", item.key);
    item.pages.forEach(function (page) { body.append("image", page.blob, page.name); });
    return fetch(form.action, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        // Any answer ends the wait: shared (a redirect to the list) or refused (its reason
        // shown); only a network failure keeps it waiting.
        return response.text().then(function (html) {
          var refused = null;
          if (!response.ok) {
            var page = new DOMParser().parseFromString(html, "text/html");
            var error = page.querySelector("[role=alert]");
            refused = error ? error.textContent : "A waiting receipt could not be shared.";
          }
          return forget(item.key).then(function () { return refused; });
        });
      });
  }

  function send(form, report) {
    if (sending || !navigator.onLine) return Promise.resolve();
    sending = true;
    return all().then(function (items) {
      return items.reduce(function (chain, item) {
        return chain.then(function () {
          return sendOne(item, form).then(function (refused) { report(item, refused); });
        });
      }, Promise.resolve());
    }).catch(function () { /* offline again: they keep waiting */ })
      .then(function () { sending = false; });
  }

  window.receiptQueue = { add: add, all: all, send: send };
})();
