/* The web edition's reading aids; the pages read and work without it.
   - the contents beside the text open on a wide screen (closed, above the text, on a phone);
   - the bar at the top stays in reach: fixed on a wide screen; on a phone it steps aside while one reads
     down and comes back as soon as one scrolls up;
   - a link mark after each numbered section heading;
   - a value's source (a popover) placed beside its value, below it or, with no room there, above it;
   - a note's text, and the figure or table a cross-reference names (from this page or another), shown
     beside the call on hover or focus, and on a tap (a second tap follows the link);
   - the section being read marked in "On this page" (IntersectionObserver);
   - a drawing wider than the screen says it scrolls sideways (data-scrolls shows its hint);
   - above a table wider than its frame, a hint that it scrolls sideways (and a tab stop);
   - search from any page in an overlay (Pagefind's interface, loaded on first use), its results as links
     relative to the page, so the folder works under any path, and the query kept for the next page;
     on the search page, the same interface with the query the bar's form sent. */
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

  // -- the bar: in reach when scrolling (a phone's steps aside reading down, back on scrolling up) --
  var bar = document.querySelector("header.site"), lastY = window.scrollY;
  if (bar) {
    window.addEventListener("scroll", function () {
      var y = window.scrollY, down = y > lastY + 4, up = y < lastY - 4;
      if (down && y > bar.offsetHeight && !bar.contains(document.activeElement)) bar.classList.add("tucked");
      if (up || y <= bar.offsetHeight) bar.classList.remove("tucked");
      if (down || up) lastY = y;
    }, { passive: true });
    bar.addEventListener("focusin", function () { bar.classList.remove("tucked"); });
  }

  function roof() {   // the top of the room a box may take: below the bar where it shows
    return bar ? Math.max(8, bar.getBoundingClientRect().bottom + 4) : 8;
  }

  // -- a value's source: beside its value --
  var openSource = null;
  function placeSource(pop, button) {
    var r = button.getBoundingClientRect(), vw = document.documentElement.clientWidth, vh = window.innerHeight;
    var w = pop.offsetWidth || Math.min(448, vw - 32), h = pop.offsetHeight;
    var top = r.bottom + 6;
    if (h && top + h > vh - 8 && r.top - h - 6 >= roof()) top = r.top - h - 6;   // no room below: above it
    pop.style.left = Math.max(8, Math.min(r.left, vw - w - 8)) + "px";
    pop.style.top = top + "px";
  }
  document.querySelectorAll("button.datum[popovertarget]").forEach(function (button) {
    var pop = document.getElementById(button.getAttribute("popovertarget"));
    if (!pop) return;
    pop.addEventListener("beforetoggle", function (e) { if (e.newState === "open") placeSource(pop, button); });
    pop.addEventListener("toggle", function (e) {
      if (e.newState === "open") { openSource = [pop, button]; placeSource(pop, button); }
      else if (openSource && openSource[0] === pop) { openSource = null; }
    });
  });
  function replace() { if (openSource) placeSource(openSource[0], openSource[1]); }
  window.addEventListener("scroll", replace, { passive: true });
  window.addEventListener("resize", replace);

  // -- previews: a note, a figure or a table, beside the link that calls it --
  var preview = null, shownFor = null, leaving = null;
  function clear() { clearTimeout(leaving); if (preview) { preview.remove(); preview = null; } }
  function hide() { clear(); shownFor = null; }
  function hideSoon() { clearTimeout(leaving); leaving = setTimeout(hide, 250); }
  function place(box, link) {
    var r = link.getBoundingClientRect(), vw = document.documentElement.clientWidth, vh = window.innerHeight;
    var w = box.offsetWidth, h = box.offsetHeight;
    var left = Math.max(8, Math.min(r.left + r.width / 2 - w / 2, vw - w - 8));
    var below = r.bottom + 6, above = r.top - h - 6;
    var top = below + h > vh - 8 && above >= roof() ? above : below;
    box.style.left = (window.scrollX + left) + "px";
    box.style.top = (window.scrollY + top) + "px";
  }
  function show(link, content, kind) {
    clear();
    preview = document.createElement("div");
    preview.className = "fn-preview preview-" + kind;
    preview.setAttribute("role", "tooltip");
    preview.appendChild(content);
    preview.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
    preview.querySelectorAll("[tabindex]").forEach(function (e) { e.removeAttribute("tabindex"); });
    preview.addEventListener("mouseenter", function () { clearTimeout(leaving); });
    preview.addEventListener("mouseleave", hideSoon);
    document.body.appendChild(preview);
    var box = preview;
    function fit() {   // placed (again, once a drawing has its size); faded at the foot if cut there
      box.classList.toggle("clipped", box.scrollHeight > box.clientHeight + 1);
      place(box, link);
    }
    fit();
    box.querySelectorAll("img").forEach(function (img) {
      img.addEventListener("load", function () { if (preview === box) fit(); });
    });
  }
  // what a cross-reference names, made fit for a preview: a drawing as its full-size file (the page's
  // inline SVG would repeat its ids), no tools, hints or source lines of the page around it
  function figurePreview(target) {
    var copy = target.cloneNode(true);
    copy.querySelectorAll("figure .svg, .svg").forEach(function (frame) {
      var full = target.querySelector(".drawing-tools a[href$='.svg']");
      var img = document.createElement("img");
      img.src = full ? full.getAttribute("href") : "";
      img.alt = frame.getAttribute("aria-label") || "";
      frame.replaceWith(img);
    });
    copy.querySelectorAll(".drawing-tools, .scroll-hint, a.anchor").forEach(function (e) { e.remove(); });
    var box = document.createElement("div");
    box.appendChild(copy);
    return box;
  }
  var pages = {};   // other pages' documents, fetched once
  function target(link) {
    var url = new URL(link.getAttribute("href"), window.location.href), id = decodeURIComponent(url.hash.slice(1));
    if (url.pathname === window.location.pathname) return Promise.resolve(document.getElementById(id));
    var key = url.pathname;
    if (!pages[key]) {
      pages[key] = fetch(url.pathname).then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (t) { return new DOMParser().parseFromString(t, "text/html"); })
        .catch(function () { return null; });
    }
    return pages[key].then(function (doc) { return doc ? doc.getElementById(id) : null; });
  }
  function open(link, kind) {
    if (kind === "note") {
      var note = document.getElementById(link.getAttribute("href").slice(1));
      if (!note) return;
      var box = document.createElement("div");
      box.innerHTML = note.innerHTML;
      show(link, box, kind);
      return;
    }
    clearTimeout(leaving);
    target(link).then(function (t) {
      if (t && (document.activeElement === link || link.matches(":hover") || pointer === "touch")) {
        show(link, figurePreview(t), kind);
      }
    });
  }
  var pointer = "mouse";   // what pressed last: a tap previews first, a second tap follows the link
  document.addEventListener("pointerdown", function (e) { pointer = e.pointerType; }, true);
  function previews(selector, kind) {
    document.querySelectorAll(selector).forEach(function (link) {
      link.addEventListener("click", function (e) {
        if (pointer !== "touch" || shownFor === link) return;   // a mouse, Enter, or a second tap: go
        e.preventDefault();
        open(link, kind);
        shownFor = link;
      });
      link.addEventListener("mouseenter", function () { if (pointer !== "touch") open(link, kind); });
      link.addEventListener("focus", function () { open(link, kind); });
      link.addEventListener("mouseleave", hideSoon);
      link.addEventListener("blur", function () { if (pointer !== "touch") hide(); });
    });
  }
  previews(".fn-call a", "note");
  previews("main a.xref[href*='#fig-'], main a.xref[href*='#tab-']", "figure");
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  document.addEventListener("pointerdown", function (e) {   // a tap elsewhere closes a preview
    if (preview && !preview.contains(e.target) && e.target !== shownFor && !(shownFor && shownFor.contains(e.target))) hide();
  });

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

  // -- search: Pagefind's interface, on the search page and in an overlay from any page --
  var folder = window.location.pathname.replace(/[^/]*$/, "");
  function relative(url) { return url.indexOf(folder) === 0 ? url.slice(folder.length) : url; }
  function relativeResult(result) {   // links relative to the page: the folder works under any path
    result.url = relative(result.url);
    (result.sub_results || []).forEach(function (s) { s.url = relative(s.url); });
    return result;
  }
  function remember(q) { try { window.sessionStorage.setItem("dpaper-query", q); } catch (e) { /* private mode */ } }
  function remembered() { try { return window.sessionStorage.getItem("dpaper-query") || ""; } catch (e) { return ""; } }
  function labelBox(ui) {
    var input = ui.querySelector("input[type=text], input[type=search]");   // Pagefind's box has no label
    if (input && !input.hasAttribute("aria-label")) input.setAttribute("aria-label", "Search the paper");
    if (input) input.addEventListener("input", function () { remember(input.value); });
    return input;
  }
  function searchUI(element, q) {
    var search = new window.PagefindUI({ element: element, showSubResults: true, showImages: false,
      resetStyles: false, processResult: relativeResult });
    if (q) search.triggerSearch(q);
    return search;
  }
  var ui = document.querySelector("[data-search-ui]");
  if (ui && window.PagefindUI) {
    var q = new URLSearchParams(window.location.search).get("q") || "";
    searchUI("#" + ui.id, q);
    if (q) remember(q);
    labelBox(ui);
  }

  var form = document.querySelector("header.site form.search"), field = form && form.querySelector("input");
  if (field && ui) field.value = remembered();   // the search page: its query in the bar's box as well
  if (form && field && !ui) {
    var dialog = null, overlay = null, loading = null;
    if (remembered()) field.value = remembered();
    var load = function () {
      if (!loading) {
        loading = new Promise(function (resolve, reject) {
          var css = document.createElement("link");
          css.rel = "stylesheet";
          css.href = "pagefind/pagefind-ui.css";
          document.head.appendChild(css);
          var js = document.createElement("script");
          js.src = "pagefind/pagefind-ui.js";
          js.onload = resolve;
          js.onerror = reject;
          document.head.appendChild(js);
        });
      }
      return loading;
    };
    // the overlay opens once Pagefind's interface has loaded (a moment, the first time); until then what one
    // types stays in the bar's box, and goes with its query into the overlay's
    var openSearch = function () {
      load().then(function () {
        if (!dialog) {
          dialog = document.createElement("dialog");
          dialog.className = "search-dialog search-page";
          dialog.setAttribute("aria-label", "Search the paper");
          var close = document.createElement("button");
          close.type = "button";
          close.className = "search-close";
          close.textContent = "Close";
          close.addEventListener("click", function () { dialog.close(); });
          var box = document.createElement("div");
          box.id = "search-overlay";
          dialog.appendChild(close);
          dialog.appendChild(box);
          dialog.addEventListener("click", function (e) { if (e.target === dialog) dialog.close(); });   // the backdrop
          dialog.addEventListener("close", function () { field.value = remembered(); });
          document.body.appendChild(dialog);
        }
        if (dialog.open) return;
        var q = field.value;
        dialog.showModal();
        if (!overlay) { overlay = searchUI("#search-overlay", q); labelBox(dialog); }
        else if (q) { overlay.triggerSearch(q); }
        var input = dialog.querySelector("#search-overlay input");
        if (input) {
          if (q) input.value = q;
          input.focus();
          input.setSelectionRange(input.value.length, input.value.length);
        }
        remember(input ? input.value : q);
      }, function () { window.location.href = form.getAttribute("action") + "?q=" + encodeURIComponent(field.value); });
    };
    form.addEventListener("submit", function (e) { e.preventDefault(); openSearch(); });
    field.addEventListener("click", openSearch);
    field.addEventListener("input", openSearch);
    field.addEventListener("focus", function () { load(); }, { once: true });
  }
})();
