(function () {
  var KEY = "ot-text-size", root = document.documentElement, tools = document.currentScript.previousElementSibling;
  var sizes = tools.querySelectorAll(".ot-tools__size"), synth = window.speechSynthesis;

  function mark() {
    var current = root.getAttribute("data-ot-text-size") || "0";
    sizes.forEach(function (button) { button.setAttribute("aria-pressed", String(button.getAttribute("data-size") === current)); });
  }
  function keep(size) {
    try { localStorage.setItem(KEY, size); } catch (e) {
      try { sessionStorage.setItem(KEY, size); } catch (e2) {}
    }
  }
  sizes.forEach(function (button) {
    button.addEventListener("click", function () {
      root.setAttribute("data-ot-text-size", button.getAttribute("data-size"));
      keep(button.getAttribute("data-size"));
      mark();
    });
  });
  mark();
  tools.hidden = false;

  window.otVoice = function () {
    var language = (root.lang || "en").toLowerCase().split("-")[0];
    return synth.getVoices().filter(function (voice) {
      return voice.localService !== false && String(voice.lang).toLowerCase().replace("_", "-").split("-")[0] === language;
    })[0];
  };
  if (!synth || !window.SpeechSynthesisUtterance) return;
  var listen = tools.querySelector(".ot-tools__listen");
  function offer() { listen.hidden = !window.otVoice(); }
  offer();
  if (synth.addEventListener) synth.addEventListener("voiceschanged", offer);
  tools.querySelector(".ot-tools__play").addEventListener("click", function () {
    if (window.otReadAloud) return window.otReadAloud(tools);
    var script = document.createElement("script");
    script.src = tools.getAttribute("data-read-aloud");
    script.onload = function () { window.otReadAloud(tools); };
    document.head.appendChild(script);
  });
})();
