/* The web edition's reading aids; the pages read and work without it.
   - the contents beside the text open on a wide screen (closed, above the text, on a phone);
   - a link mark after each numbered section heading;
   - a note's text shown beside its call on hover or focus (the call still links to the note);
   - a drawing wider than the screen says it scrolls sideways (data-scrolls shows its hint);
   - on the search page, Pagefind's interface, with the query the bar's form sent. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 76rem)");
  function openWide() {
    document.querySelectorAll("details[data-open-wide]").forEach(function (d) { d.open = wide.matches; });
  }
  openWide();
  wide.addEventListener("change", openWide);

  document.querySelectorAll("main h2[id], main h3[id]").forEach(function (h) {
    var a = document.createElement("a");
    a.className = "anchor";
    a.href = "#" + h.id;
    a.setAttribute("aria-label", "Link to this section");
    a.textContent = "#";
    h.appendChild(a);
  });

  var preview = null;
  function hide() { if (preview) { preview.remove(); preview = null; } }
  function show(call) {
    var note = document.getElementById(call.getAttribute("href").slice(1));
    if (!note) return;
    hide();
    preview = document.createElement("div");
    preview.className = "fn-preview";
    preview.setAttribute("role", "tooltip");
    preview.innerHTML = note.innerHTML;
    preview.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
    document.body.appendChild(preview);
    var r = call.getBoundingClientRect(), w = preview.offsetWidth;
    var left = Math.max(8, Math.min(window.scrollX + r.left - w / 2, window.scrollX + document.documentElement.clientWidth - w - 8));
    preview.style.left = left + "px";
    preview.style.top = (window.scrollY + r.bottom + 6) + "px";
  }
  document.querySelectorAll(".fn-call a").forEach(function (call) {
    call.addEventListener("mouseenter", function () { show(call); });
    call.addEventListener("focus", function () { show(call); });
    call.addEventListener("mouseleave", hide);
    call.addEventListener("blur", hide);
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });

  var drawings = document.querySelectorAll("figure .svg");
  function scrolls() {
    drawings.forEach(function (d) { d.toggleAttribute("data-scrolls", d.scrollWidth > d.clientWidth + 1); });
  }
  scrolls();
  window.addEventListener("resize", scrolls);

  var ui = document.querySelector("[data-search-ui]");
  if (ui && window.PagefindUI) {
    var search = new window.PagefindUI({ element: "#" + ui.id, showSubResults: true, showImages: false,
      resetStyles: false });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) search.triggerSearch(q);
  }
})();
