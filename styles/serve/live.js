// Live reload for `book serve`: the server sends the book's version whenever a manuscript file
// changes; a page showing an older version reloads (the print view offers to typeset again).
(function () {
  var meta = document.querySelector('meta[name="book-version"]');
  var shown = meta ? meta.content : null;
  var onDemand = document.querySelector('meta[name="book-print"]') !== null;
  var source = new EventSource("/_events");
  source.onmessage = function (event) {
    if (event.data === shown) { return; }
    if (onDemand) {
      var link = document.getElementById("typeset-again");
      if (link) { link.hidden = false; }
      return;
    }
    source.close();
    window.location.reload();
  };
})();
