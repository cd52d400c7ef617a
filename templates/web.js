/* The web edition's reading aids; the pages read and work without it.
   - the contents beside the text open on a wide screen (closed, above the text, on a phone);
   - a link mark after each numbered section heading;
   - a note's text shown beside its call on hover or focus, and on a tap (a second tap goes to the note);
   - the section being read marked in "On this page" (IntersectionObserver);
   - a drawing wider than the screen says it scrolls sideways (data-scrolls shows its hint);
   - above a table wider than its frame, a hint that it scrolls sideways (and a tab stop);
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
  function hide() { if (preview) { preview.remove(); preview = null; } shownFor = null; }
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
  var pointer = "mouse", shownFor = null;   // what pressed last; the call whose preview a tap opened
  document.addEventListener("pointerdown", function (e) { pointer = e.pointerType; }, true);
  document.querySelectorAll(".fn-call a").forEach(function (call) {
    call.addEventListener("click", function (e) {
      if (pointer !== "touch" || shownFor === call) return;   // a mouse, Enter, or a second tap: to the note
      e.preventDefault();
      show(call);
      shownFor = call;
    });
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

  var toc = {};
  document.querySelectorAll(".page-toc a[href^='#']").forEach(function (a) { toc[a.getAttribute("href").slice(1)] = a; });
  var heads = Array.prototype.filter.call(document.querySelectorAll("main [id]"), function (h) { return toc[h.id]; });
  var marked = null;
  function mark() {
    var line = window.innerHeight * 0.3, current = heads[0];
    heads.forEach(function (h) { if (h.getBoundingClientRect().top < line) current = h; });
    var a = current && toc[current.id];
    if (a === marked) return;
    if (marked) { marked.classList.remove("current"); marked.removeAttribute("aria-current"); }
    if (a) { a.classList.add("current"); a.setAttribute("aria-current", "location"); }
    marked = a;
  }
  if (heads.length && "IntersectionObserver" in window) {
    var seen = new IntersectionObserver(mark, { rootMargin: "0px 0px -70% 0px" });
    heads.forEach(function (h) { seen.observe(h); });
    mark();
  }

  function hints() {   // a table wider than its frame: a hint above it, and a keyboard can scroll it
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1, prev = box.previousElementSibling;
      var hint = prev && prev.classList.contains("scroll-hint") ? prev : null;
      if (wide && !box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
      if (wide && !hint) {
        hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.textContent = "Scroll sideways to see every column \u2192";
        box.parentNode.insertBefore(hint, box);
      } else if (!wide && hint) {
        hint.remove();
      }
    });
  }
  hints();
  window.addEventListener("resize", hints);
  if (document.fonts) document.fonts.ready.then(hints);

  var ui = document.querySelector("[data-search-ui]");
  if (ui && window.PagefindUI) {
    var search = new window.PagefindUI({ element: "#" + ui.id, showSubResults: true, showImages: false,
      resetStyles: false });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) search.triggerSearch(q);
    var input = ui.querySelector("input[type=text], input[type=search]");   // Pagefind's box has no label
    if (input && !input.hasAttribute("aria-label")) input.setAttribute("aria-label", "Search the paper");
  }
})();
