// newsdesk: keyboard shortcuts. Every page reads and works without this file.
//   /  focus the search box      Esc  leave a text field
//   j / k  next / previous story, article or search hit
(function () {
  "use strict";
  var ITEMS = "ol.stories h2 a, ol.articles > li > a, ol.hits > li > a";

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function move(step) {
    var links = Array.prototype.slice.call(document.querySelectorAll(ITEMS));
    if (!links.length) { return; }
    var at = links.indexOf(document.activeElement);
    var next = at < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(Math.max(at + step, 0), links.length - 1);
    links[next].focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "Escape" && typing(event.target)) { event.target.blur(); return; }
    if (typing(event.target)) { return; }
    if (event.key === "/") {
      var box = document.getElementById("quick-q");
      if (box) { event.preventDefault(); box.focus(); box.select(); }
    } else if (event.key === "j") {
      move(1);
    } else if (event.key === "k") {
      move(-1);
    }
  });
}());
