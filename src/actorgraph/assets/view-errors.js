window.__agErrors = [];
(function () {
  function add(msg) {
    if (window.__agErrors.length < 50) { window.__agErrors.push(String(msg).slice(0, 300)); }
  }
  window.addEventListener("error", function (e) {
    if (e && e.message) { add(e.message + (e.filename ? " @" + e.filename + ":" + e.lineno : "")); }
    else if (e && e.target && e.target !== window) { add("resource failed: " + (e.target.tagName || "?")); }
  }, true);
  window.addEventListener("unhandledrejection", function (e) {
    add("unhandled rejection: " + (e && e.reason));
  });
  document.addEventListener("securitypolicyviolation", function (e) {
    add("CSP blocked " + e.violatedDirective + " " + e.blockedURI);
  });
  var original = console.error;
  console.error = function () {
    add(Array.prototype.slice.call(arguments).join(" "));
    return original.apply(console, arguments);
  };
})();
