/* claimledger: show a record's words in its article, toggle the kinds marked on an article page.
   Plain script, no library. The text on the page was escaped by the server; this script never
   writes markup, it only adds and removes classes. Without it, each "show" link still jumps to
   the first of the record's words (#w-<id>), which CSS highlights. */
(function () {
  "use strict";

  function byIds(id) {
    return document.querySelectorAll('[data-ids~="' + CSS.escape(id) + '"]');
  }

  function show(id, scroll) {
    document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
    document.querySelectorAll("[data-show].on").forEach(function (el) {
      el.classList.remove("on");
      el.setAttribute("aria-pressed", "false");
    });
    var words = byIds(id);
    words.forEach(function (el) { el.classList.add("hl"); });
    document.querySelectorAll('[data-show="' + CSS.escape(id) + '"]').forEach(function (el) {
      el.classList.add("on");
      el.setAttribute("aria-pressed", "true");
    });
    if (scroll && words.length) {
      words[0].scrollIntoView({ block: "center" });
    }
    return words.length;
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-show]") : null;
    if (!target) { return; }
    var id = target.getAttribute("data-show");
    if (show(id, true)) {
      event.preventDefault();
      history.replaceState(null, "", "#w-" + id);
    }
  });

  document.querySelectorAll("input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      var text = document.getElementById(box.getAttribute("data-for"));
      if (text) { text.classList.toggle("hide-" + box.getAttribute("data-kind"), !box.checked); }
    });
  });

  if (location.hash.indexOf("#w-") === 0) {
    show(decodeURIComponent(location.hash.slice(3)), true);
  }
})();
