/* Light or dark: the reader's system setting, unless they choose the other with the bar's "Dark mode"
   switch (remembered in localStorage; choosing what the system shows goes back to following it). Loaded
   in <head> without defer, before the page paints, so the chosen scheme shows from the first frame. */
(function () {
  "use strict";
  var root = document.documentElement, key = "dpaper-theme";
  var system = window.matchMedia("(prefers-color-scheme: dark)");
  function stored() { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function store(v) {
    try { if (v) { window.localStorage.setItem(key, v); } else { window.localStorage.removeItem(key); } } catch (e) { /* private mode */ }
  }
  function apply(choice) {
    if (choice === "dark" || choice === "light") { root.setAttribute("data-theme", choice); }
    else { root.removeAttribute("data-theme"); }
  }
  function dark() { var c = root.getAttribute("data-theme"); return c ? c === "dark" : system.matches; }
  apply(stored());

  document.addEventListener("DOMContentLoaded", function () {
    var bar = document.querySelector("header.site");
    if (!bar) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "theme-switch";
    button.textContent = "Dark mode";
    function show() { button.setAttribute("aria-pressed", dark() ? "true" : "false"); }
    button.addEventListener("click", function () {
      var want = dark() ? "light" : "dark", follows = want === (system.matches ? "dark" : "light");
      store(follows ? null : want);
      apply(follows ? null : want);
      show();
    });
    system.addEventListener("change", show);
    show();
    bar.appendChild(button);
  });
})();
