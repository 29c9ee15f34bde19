/* Sharing a receipt: drop photos onto the form and see them before sending.
   Progressive enhancement: without this script the plain form posts the same files. */
(function () {
  "use strict";
  var form = document.getElementById("share-form");
  var input = document.getElementById("receipt-photos");
  var zone = document.getElementById("dropzone");
  var list = document.getElementById("previews");
  if (!form || !input || !zone || !list) return;
  var urls = [];

  function showPreviews() {
    urls.forEach(function (url) { URL.revokeObjectURL(url); });
    urls = [];
    list.textContent = "";
    Array.prototype.forEach.call(input.files, function (file, index) {
      var item = document.createElement("li");
      if (/^image\/(jpeg|png|webp)$/.test(file.type)) {  // browsers cannot draw HEIC
        var image = document.createElement("img");
        var url = URL.createObjectURL(file);
        urls.push(url);
        image.src = url;
        image.alt = "";  // the page's name follows as text
        image.className = "preview";
        item.appendChild(image);
      }
      var label = document.createElement("span");
      label.textContent = (list.getAttribute("data-page") || "Page") + " " + (index + 1) + ": " + file.name;
      item.appendChild(label);
      list.appendChild(item);
    });
  }

  function addFiles(dropped) {
    if (typeof DataTransfer !== "function") { input.files = dropped; return; }
    var all = new DataTransfer();  // dropping again adds the next pages
    Array.prototype.forEach.call(input.files, function (file) { all.items.add(file); });
    Array.prototype.forEach.call(dropped, function (file) { all.items.add(file); });
    input.files = all.files;
  }

  zone.classList.add("enhanced");
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("over");
    });
  });
  ["dragleave", "dragend"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("over");
    if (event.dataTransfer && event.dataTransfer.files.length) {
      addFiles(event.dataTransfer.files);
      showPreviews();
    }
  });
  input.addEventListener("change", showPreviews);

  var queued = document.getElementById("share-queued");
  function say(text) {
    if (!queued) return;
    queued.textContent = text;
    queued.hidden = !text;
  }
  function words(name, fallback) {  // the page's own language (receipts.html)
    return (queued && queued.getAttribute("data-" + name)) || fallback;
  }
  function waitingNote() {
    if (!window.receiptQueue) return;
    window.receiptQueue.all().then(function (items) {
      if (items.length === 1) say(words("one", "1 receipt waits on this phone."));
      else if (items.length) say(words("many", "{count} receipts wait on this phone.")
        .replace("{count}", items.length));
    }).catch(function () {});
  }
  function sendWaiting() {
    if (!window.receiptQueue) return;
    window.receiptQueue.send(form, function (item, refused) {
      say(refused ? words("refused", "A receipt taken offline was not shared:") + " " + refused
                  : words("shared", "A receipt taken offline has been shared."));
    }).then(waitingNote);
  }
  window.addEventListener("online", sendWaiting);
  sendWaiting();

  form.addEventListener("submit", function (event) {
    if (!navigator.onLine && window.receiptQueue && window.indexedDB && input.files.length) {
      event.preventDefault();  // offline: keep the photos on the phone until the network returns
      window.receiptQueue.add(input.files).then(function () {
        input.value = "";
        showPreviews();
        waitingNote();
      }).catch(function () { say(words("failed", "This phone could not keep the photos.")); });
      return;
    }
    var sending = document.getElementById("share-progress");
    if (sending) sending.hidden = false;
    form.setAttribute("aria-busy", "true");
  });
  window.addEventListener("pageshow", function () {  // back to this page: ready again
    var sending = document.getElementById("share-progress");
    if (sending) sending.hidden = true;
    form.removeAttribute("aria-busy");
    showPreviews();
  });
})();
