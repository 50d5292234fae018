/* Listen Live: the persistent radio player.
 *
 * Plays the station's live stream in an <audio> element: native HLS where the
 * browser has it, hls.js (loaded on demand) where it has Media Source
 * Extensions, and an MP3 stream as the last resort. It never starts by itself.
 * While the radio plays, same-site links are followed by swapping <main> in
 * place (fetch + history.pushState), so navigation does not stop the sound.
 * Errors and stalls are retried with a growing delay, rejoining at the live edge.
 */
(function () {
  "use strict";

  var root = document.getElementById("radio-player");
  if (!root || root.getAttribute("data-ready") === "true") {
    return;
  }
  root.setAttribute("data-ready", "true");

  var STATUS_EVERY_MS = 15000;
  var STALL_LIMIT_MS = 12000;
  var MAX_RETRY_MS = 30000;
  var FAILURES_BEFORE_NEXT_STREAM = 3;
  var HLS_TYPE = "application/vnd.apple.mpegurl";
  var SKIPPED_PATHS = /^\/(admin|django-admin|accounts|radio\/hls|radio\/listen|media|static)(\/|$)/;

  var playButton = root.querySelector("[data-radio-play]");
  var stationLine = root.querySelector("[data-radio-station]");
  var nowLine = root.querySelector("[data-radio-now]");
  // Outside the live region: the count changes at nearly every poll, and
  // announcing it would read the whole status line again over the radio.
  var listenersLine = root.querySelector("[data-radio-listeners]");
  var scheduleList = root.querySelector("[data-radio-schedule]");
  var popout = root.querySelector("[data-radio-popout]");
  var closeButton = root.querySelector("[data-radio-close]");
  var isStandalone = root.getAttribute("data-standalone") === "true";

  var audio = null;
  var hls = null;
  var status = null;
  var wanted = false;
  var streamIndex = 0;
  var failures = 0;
  var retryTimer = null;
  var statusTimer = null;
  var lastTime = -1;
  var lastProgressAt = 0;
  var hlsjsLoading = null;
  var waitingForAir = false;

  /* ---- status: what is on air ---- */

  function fetchStatus() {
    return fetch(root.getAttribute("data-status-url"), { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        status = data;
        renderStatus();
        if (wanted && waitingForAir && status.on_air) {
          waitingForAir = false;
          attach();
        }
      })
      .catch(function () {
        nowLine.textContent = "The station's status is unavailable; trying again shortly.";
      });
  }

  function renderStatus() {
    if (!status) {
      return;
    }
    stationLine.textContent = status.station;
    var parts = [];
    var listeners = "";
    if (!status.on_air) {
      parts.push("Off air" + (status.reason ? ": " + status.reason.replace(/\.$/, "") : ""));
      if (wanted) {
        parts.push("It will play as soon as the station is back");
      }
    } else {
      var programme = status.programme;
      if (programme) {
        parts.push("On air: " + programme.title + (programme.host ? " with " + programme.host : ""));
      } else {
        parts.push("On air: " + status.station);
      }
      if (status.item && status.item.title) {
        parts.push("Now playing: " + status.item.title);
      }
      if (typeof status.listeners === "number") {
        listeners = status.listeners + (status.listeners === 1 ? " listener" : " listeners");
      }
    }
    var text = parts.join(". ");
    if (nowLine.textContent !== text) {
      nowLine.textContent = text;
    }
    if (listenersLine && listenersLine.textContent !== listeners) {
      listenersLine.textContent = listeners;
    }
    root.setAttribute("data-on-air", status.on_air ? "true" : "false");
    renderSchedule(status.schedule || []);
  }

  function renderSchedule(slots) {
    var items = slots.map(function (slot) {
      var item = document.createElement("li");
      var when = document.createElement("span");
      when.className = "radio-player__when";
      when.textContent = slot.days + " " + slot.times;
      item.appendChild(when);
      item.appendChild(document.createTextNode(" " + slot.title + (slot.host ? " with " + slot.host : "")));
      return item;
    });
    if (!items.length) {
      var empty = document.createElement("li");
      empty.textContent = "News bulletins around the clock.";
      items.push(empty);
    }
    scheduleList.replaceChildren.apply(scheduleList, items);
  }

  function watchStatus() {
    if (statusTimer === null) {
      fetchStatus();
      statusTimer = window.setInterval(fetchStatus, STATUS_EVERY_MS);
    }
  }

  function unwatchStatus() {
    if (statusTimer !== null) {
      window.clearInterval(statusTimer);
      statusTimer = null;
    }
  }

  /* ---- playback ---- */

  function streams() {
    var list = (status && status.streams) || [{ kind: "hls", url: "/radio/hls/live.m3u8" }];
    return list.length ? list : [{ kind: "hls", url: "/radio/hls/live.m3u8" }];
  }

  function ensureAudio() {
    if (audio) {
      return audio;
    }
    audio = document.createElement("audio");
    audio.preload = "none";
    audio.className = "radio-player__audio";
    audio.setAttribute("aria-label", "Live radio stream");
    root.appendChild(audio);
    audio.addEventListener("playing", onPlaying);
    audio.addEventListener("pause", syncButtons);
    audio.addEventListener("timeupdate", onProgress);
    audio.addEventListener("error", function () {
      if (!hls) {
        fail();
      }
    });
    return audio;
  }

  function detach() {
    if (hls) {
      hls.destroy();
      hls = null;
    }
    if (audio) {
      audio.removeAttribute("src");
      audio.load();
    }
  }

  function loadHlsJs() {
    var url = root.getAttribute("data-hlsjs-url");
    if (window.Hls) {
      return Promise.resolve(window.Hls);
    }
    if (!url) {
      return Promise.reject(new Error("hls.js is not installed"));
    }
    if (!hlsjsLoading) {
      hlsjsLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = function () {
          resolve(window.Hls);
        };
        script.onerror = function () {
          hlsjsLoading = null;
          reject(new Error("hls.js did not load"));
        };
        document.head.appendChild(script);
      });
    }
    return hlsjsLoading;
  }

  function attach() {
    detach();
    var stream = streams()[streamIndex % streams().length];
    var media = ensureAudio();
    if (stream.kind !== "hls") {
      media.src = stream.url;
      return startPlayback();
    }
    if (media.canPlayType(HLS_TYPE)) {
      media.src = stream.url;
      return startPlayback();
    }
    if (!window.MediaSource) {
      return nextStream();
    }
    return loadHlsJs().then(function (Hls) {
      if (!Hls || !Hls.isSupported()) {
        return nextStream();
      }
      // No worker: hls.js would start it from a blob: URL, which the CSP refuses.
      hls = new Hls({ enableWorker: false, liveSyncDurationCount: 3, lowLatencyMode: false });
      hls.on(Hls.Events.ERROR, function (event, data) {
        if (data.fatal) {
          fail();
        }
      });
      hls.loadSource(stream.url);
      hls.attachMedia(media);
      return startPlayback();
    }, nextStream);
  }

  function nextStream() {
    streamIndex += 1;
    failures = 0;
    if (streamIndex >= streams().length * 2) {
      streamIndex = 0;
      nowLine.textContent = "The stream cannot be played in this browser.";
      stop();
      return Promise.resolve();
    }
    return attach();
  }

  function startPlayback() {
    lastProgressAt = Date.now();
    var played = audio.play();
    if (played && played.catch) {
      played.catch(function (error) {
        if (error && error.name === "NotAllowedError") {
          stop(); // The browser wants a gesture first: wait for the reader.
        }
      });
    }
    syncButtons();
  }

  function onPlaying() {
    failures = 0;
    jumpToLiveEdge();
    syncButtons();
  }

  function jumpToLiveEdge() {
    // Native HLS may begin at the playlist's start; listeners belong at the live edge.
    if (!hls && audio.seekable && audio.seekable.length) {
      var end = audio.seekable.end(audio.seekable.length - 1);
      if (isFinite(end) && end - audio.currentTime > 3 * 4 + 2) {
        audio.currentTime = Math.max(0, end - 3 * 4);
      }
    }
  }

  function onProgress() {
    if (audio.currentTime !== lastTime) {
      lastTime = audio.currentTime;
      lastProgressAt = Date.now();
    }
  }

  function fail() {
    if (!wanted) {
      return;
    }
    failures += 1;
    if (retryTimer !== null) {
      return;
    }
    var delay = Math.min(MAX_RETRY_MS, 1000 * Math.pow(2, failures - 1));
    if (!status || status.on_air) {
      nowLine.textContent = "The stream dropped; reconnecting…";
    }
    retryTimer = window.setTimeout(function () {
      retryTimer = null;
      if (!wanted) {
        return;
      }
      fetchStatus();
      if (status && status.on_air === false) {
        waitingForAir = true;
        detach();
        return;
      }
      if (failures >= FAILURES_BEFORE_NEXT_STREAM && streams().length > 1) {
        nextStream();
      } else {
        attach();
      }
    }, delay);
  }

  function watchStalls() {
    window.setInterval(function () {
      var stalled = Date.now() - lastProgressAt > STALL_LIMIT_MS;
      if (wanted && !waitingForAir && audio && retryTimer === null && stalled) {
        fail();
      }
    }, 2000);
  }

  function play() {
    wanted = true;
    root.hidden = false;
    reserveSpace();
    watchStatus();
    // Always rejoin at the live edge: a paused live stream is not resumed from the past.
    var ready = status ? Promise.resolve() : fetchStatus();
    ready.then(function () {
      if (!wanted) {
        return;
      }
      if (status && status.on_air === false) {
        waitingForAir = true; // Attached by fetchStatus when the station is back.
        renderStatus();
        return;
      }
      attach();
    });
    syncButtons();
  }

  function stop() {
    wanted = false;
    waitingForAir = false;
    if (retryTimer !== null) {
      window.clearTimeout(retryTimer);
      retryTimer = null;
    }
    if (audio) {
      audio.pause();
    }
    detach();
    syncButtons();
  }

  // The player is fixed over the foot of the page: keep its height free there, so
  // that the end of the page, and a control focused behind it, scroll clear of it.
  // A custom property set through the CSSOM, which the strict CSP allows.
  function reserveSpace() {
    var height = root.hidden || isStandalone ? 0 : root.offsetHeight;
    document.documentElement.style.setProperty("--radio-player-height", height + "px");
  }

  function isPlaying() {
    return wanted;
  }

  function syncButtons() {
    var playing = isPlaying();
    playButton.textContent = playing ? "Pause" : "Play";
    playButton.setAttribute("aria-pressed", playing ? "true" : "false");
    playButton.setAttribute("aria-label", playing ? "Pause the live radio" : "Play the live radio");
    document.querySelectorAll("[data-radio-toggle]").forEach(function (toggle) {
      toggle.setAttribute("aria-pressed", playing ? "true" : "false");
    });
    root.setAttribute("data-playing", playing ? "true" : "false");
  }

  function toggle() {
    if (isPlaying()) {
      stop();
    } else {
      play();
    }
  }

  /* ---- controls ---- */

  // The "Listen Live" links lead to the pop-out page without scripts; with
  // them they become buttons that play here.
  function upgradeToggles(scope) {
    scope.querySelectorAll("a[data-radio-toggle]").forEach(function (link) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = link.className;
      button.setAttribute("data-radio-toggle", "");
      button.setAttribute("aria-controls", "radio-player");
      button.setAttribute("aria-pressed", isPlaying() ? "true" : "false");
      while (link.firstChild) {
        button.appendChild(link.firstChild);
      }
      link.replaceWith(button);
    });
  }

  document.addEventListener("click", function (event) {
    var control = event.target.closest && event.target.closest("button[data-radio-toggle]");
    if (control) {
      toggle();
    }
  });
  playButton.addEventListener("click", toggle);
  if (closeButton) {
    closeButton.addEventListener("click", function () {
      stop();
      unwatchStatus(); // A closed player asks nothing more; opening it again asks at once.
      root.hidden = true;
      reserveSpace();
      var header = document.querySelector(".site-header [data-radio-toggle]");
      if (header) {
        header.focus();
      }
    });
  }
  if (popout) {
    popout.addEventListener("click", function (event) {
      var opened = window.open(popout.href, "masthead-radio", "popup,width=440,height=600");
      if (opened) {
        event.preventDefault();
        stop(); // One player at a time: the pop-out carries on.
      }
    });
  }
  // Another sound on the page (an article's reading) pauses the radio.
  document.addEventListener(
    "play",
    function (event) {
      if (audio && event.target !== audio && isPlaying()) {
        stop();
      }
    },
    true
  );

  /* ---- navigation that keeps the player ---- */

  function boostable(link, event) {
    if (!isPlaying() || event.defaultPrevented || event.button !== 0) {
      return false;
    }
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return false;
    }
    if ((link.target && link.target !== "_self") || link.hasAttribute("download")) {
      return false;
    }
    var url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin || SKIPPED_PATHS.test(url.pathname)) {
      return false;
    }
    var samePage = url.pathname === window.location.pathname && url.search === window.location.search;
    return !(samePage && url.hash);
  }

  function rerunScripts(scope) {
    scope.querySelectorAll("script").forEach(function (old) {
      var script = document.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (attribute) {
        script.setAttribute(attribute.name, attribute.value);
      });
      old.replaceWith(script);
    });
  }

  function adoptStylesheets(doc) {
    var known = {};
    document.querySelectorAll("link[rel=stylesheet]").forEach(function (link) {
      known[link.href] = true;
    });
    doc.querySelectorAll("head link[rel=stylesheet]").forEach(function (link) {
      if (!known[link.href]) {
        document.head.appendChild(document.importNode(link, true));
      }
    });
  }

  function visit(href, push) {
    return fetch(href, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("text/html") !== 0 || response.status >= 500) {
          throw new Error("not a page");
        }
        return response.text().then(function (html) {
          return { html: html, url: response.url };
        });
      })
      .then(function (page) {
        var doc = new DOMParser().parseFromString(page.html, "text/html");
        var incoming = doc.getElementById("main");
        var current = document.getElementById("main");
        if (!incoming || !current) {
          throw new Error("no main");
        }
        if (push) {
          window.history.pushState({ radio: true }, "", page.url);
        }
        adoptStylesheets(doc);
        var main = document.importNode(incoming, true);
        current.replaceWith(main);
        document.title = doc.title;
        document.body.className = doc.body.className;
        rerunScripts(main);
        upgradeToggles(main);
        syncButtons();
        var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
        if (target) {
          target.scrollIntoView();
        } else {
          window.scrollTo(0, 0);
        }
        main.setAttribute("tabindex", "-1");
        main.focus({ preventScroll: true });
        document.dispatchEvent(new CustomEvent("masthead:navigated", { detail: { url: page.url } }));
      })
      .catch(function () {
        window.location.assign(href);
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (link && boostable(link, event)) {
      event.preventDefault();
      if (!window.history.state || !window.history.state.radio) {
        window.history.replaceState({ radio: true }, "");
      }
      visit(link.href, true);
    }
  });

  window.addEventListener("popstate", function (event) {
    if (event.state && event.state.radio) {
      if (isPlaying()) {
        visit(window.location.href, false);
      } else {
        window.location.reload();
      }
    }
  });

  upgradeToggles(document);
  if (window.ResizeObserver) {
    new ResizeObserver(reserveSpace).observe(root); // Its lines wrap as the status changes.
  }
  watchStalls();
  syncButtons();
  if (isStandalone) {
    watchStatus();
  } else {
    // The status is fetched when the player first opens: pages stay request-free.
    document.addEventListener("masthead:navigated", function () {
      if (!wanted) {
        unwatchStatus();
      }
    });
  }
})();
