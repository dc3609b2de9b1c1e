// The page around textual-serve's terminal script (loaded before it).
//
// - Watches the session's websocket to show what happened (busy, ended, lost) and to
//   expose timings on `window.ketatuiSession` for the browser tests and benchmarks.
// - Turns a file the app delivers into a real download (the terminal script would open
//   a pop-up, which browsers block when no click started it).
// - Kiosk: Back cannot leave the page, and a lost connection starts a fresh session.
"use strict";
(function () {
  const body = () => document.body;
  const mode = () => body().dataset.mode;
  const state = {
    state: "loading",
    frames: 0,
    bytes: 0,
    pageStart: performance.timeOrigin,
    firstFrameAt: null,
    focusedAt: null,
    frameTimes: [],
    sendTimes: [],
    closeCode: null,
    cols: null,
    rows: null,
  };
  window.ketatuiSession = state;

  function show(name) {
    state.state = name;
    body().dataset.session = name;
  }

  function retryLater(seconds) {
    setTimeout(() => window.location.reload(), seconds * 1000);
  }

  // Give the terminal the keyboard once the app has drawn its first screen, so a keyboard
  // (or a kiosk browser nobody clicked in) works at once. Not earlier: focus that reaches
  // the app before its first screen has mounted leaves no widget focused.
  function focusWhenSettled() {
    const check = () => {
      const frames = state.frameTimes;
      if (performance.now() - frames[frames.length - 1] < 200) {
        setTimeout(check, 50);
        return;
      }
      const input = document.querySelector(".xterm-helper-textarea");
      if (input && document.activeElement !== input) input.focus();
      state.focusedAt = performance.now();
    };
    setTimeout(check, 200);
  }

  const NativeWebSocket = window.WebSocket;
  class WatchedWebSocket extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      let ended = false;
      this.addEventListener("message", (event) => {
        const now = performance.now();
        if (typeof event.data === "string") {
          try {
            const message = JSON.parse(event.data);
            if (message[0] === "ketatui" && message[1] === "ended") ended = true;
          } catch (error) {
            // not ours
          }
          return;
        }
        state.frames += 1;
        state.bytes += event.data.byteLength || 0;
        state.frameTimes.push(now);
        if (state.frameTimes.length > 5000) state.frameTimes.splice(0, 1000);
        if (state.firstFrameAt === null && (event.data.byteLength || 0) > 10) {
          state.firstFrameAt = now;
          show("running");
          focusWhenSettled();
        }
      });
      this.addEventListener("close", (event) => {
        state.closeCode = event.code;
        if (event.code === 4429) {
          show("busy");
          retryLater(15);
        } else if (ended) {
          show("ended");
        } else {
          show("lost");
          if (mode() === "kiosk") retryLater(5);
        }
      });
    }
    send(data) {
      if (typeof data === "string" && data.startsWith('["resize"')) {
        const size = JSON.parse(data)[1];
        state.cols = size.width;
        state.rows = size.height;
      }
      if (typeof data === "string" && data.startsWith('["stdin"')) {
        state.sendTimes.push(performance.now());
        if (state.sendTimes.length > 5000) state.sendTimes.splice(0, 1000);
      }
      super.send(data);
    }
  }
  window.WebSocket = WatchedWebSocket;

  function download(url) {
    const link = document.createElement("a");
    link.href = url;
    link.download = "";
    link.rel = "noopener";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  window.open = function (url) {
    let target;
    try {
      target = new URL(url, window.location.href);
    } catch (error) {
      return null;
    }
    if (target.origin === window.location.origin && target.pathname.startsWith("/download/")) {
      download(target.href);
    } else if (mode() === "learner" && /^https?:$/.test(target.protocol)) {
      const link = document.createElement("a");
      link.href = target.href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.click();
    }
    // The kiosk opens nothing else: a visitor must not leave the kiosk.
    return null;
  };

  document.addEventListener("DOMContentLoaded", () => {
    const terminal = document.getElementById("terminal");
    if (terminal && !terminal.dataset.sessionWebsocketUrl) {
      // Same address as the page, so it works behind a proxy without --public-url.
      const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
      terminal.dataset.sessionWebsocketUrl = scheme + "//" + window.location.host + "/ws";
    }
    if (mode() === "kiosk") {
      // Back (a key, a swipe) stays on this page: there is always one more entry to undo.
      history.pushState({ kiosk: true }, "", window.location.href);
      window.addEventListener("popstate", () => {
        history.pushState({ kiosk: true }, "", window.location.href);
      });
      document.addEventListener("contextmenu", (event) => event.preventDefault());
    }
  });
})();
