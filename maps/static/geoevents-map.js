/* geoevents event map: decodes the embedded events and draws them with Leaflet.
 *
 * Report text never goes through innerHTML: popups, tooltips, the legend and the place search
 * are built from DOM nodes with textContent. The one Leaflet API that takes HTML (layer
 * control names) gets strings passed through escapeHtml first.
 */
(function () {
  "use strict";

  var PRECISIONS = ["city", "admin1", "region", "sea", "country"];
  var PRECISION_TEXT = [
    "exact place",
    "province or district: somewhere in the shaded area",
    "region: somewhere in the shaded area",
    "sea: somewhere in the shaded area",
    "country: somewhere in the shaded area, not at its centre",
  ];
  var PRECISION_ZOOM = [11, 7, 6, 6, 5];
  var WINDOWS = [["all", "all up to"], [1, "that day"], [7, "7 days to"], [30, "30 days to"]];
  var DAY_MS = 86400000;

  function el(tag, className, text, parent) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null && text !== "") node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function escapeHtml(value) {
    return String(value).replace(/[&<>"'`]/g, function (c) {
      return "&#" + c.charCodeAt(0) + ";";
    });
  }

  /* A link target only if it is an absolute http(s) URL or a same-site path. */
  function safeHref(value) {
    if (!value) return null;
    try {
      var url = new URL(value, window.location.href);
      if (url.protocol !== "http:" && url.protocol !== "https:") return null;
      return /^(https?:\/\/|\/[^/\\])/i.test(value) ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function isoDay(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function fromBase64(base64) {
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(base64);
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function inflate(base64) {
    var bytes = fromBase64(base64);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).text().then(JSON.parse);
  }

  /* The decoded core columns, with ids restored from their deltas. Report texts arrive
   * later (setTexts); whenTexts runs a function once they are there. */
  function Events(core) {
    var ev = core.events;
    this.n = ev.type.length;
    this.names = core.names;
    this.places = core.places;
    this.type = ev.type;
    this.day = ev.day;
    this.published = ev.published || null;
    this.place = ev.place;
    this.precision = ev.precision;
    this.id = new Array(this.n);
    for (var i = 0, id = 0; i < this.n; i++) this.id[i] = id += ev.id[i];
    this.strings = null;
    this.waiting = [];
  }
  Events.prototype.setTexts = function (texts) {
    this.strings = texts.strings;
    this.cut = new Set(texts.cut);
    this.text = texts.events.text;
    this.title = texts.events.title;
    this.source = texts.events.source;
    this.waiting.splice(0).forEach(function (fn) { fn(); });
  };
  Events.prototype.whenTexts = function (fn) {
    if (this.strings) fn();
    else this.waiting.push(fn);
  };
  Events.prototype.placeLatLng = function (p) {
    return L.latLng(this.places.lat[p] * 1e-5, this.places.lon[p] * 1e-5);
  };
  Events.prototype.latlng = function (i) {
    return this.placeLatLng(this.place[i]);
  };
  Events.prototype.str = function (index) {
    return this.strings[index];
  };
  Events.prototype.placeLabel = function (p) {
    var pl = this.places, names = this.names;
    var parts = [names[pl.name[p]], names[pl.admin1[p]], names[pl.country[p]]];
    return parts.filter(Boolean).join(", ") || "unnamed place";
  };

  function popupContent(events, types, config, i) {
    var t = types[events.type[i]];
    var box = el("div", "ge-popup");
    var head = el("div", "ge-popup-type", null, box);
    el("span", "ge-swatch ge-t" + events.type[i], null, head);
    el("span", null, t.label, head);
    var title = events.str(events.title[i]);
    if (title) el("div", "ge-popup-title", title, box);
    el("p", "ge-popup-text", events.str(events.text[i]), box);
    var facts = el("dl", null, null, box);
    var day = events.day[i];
    var when = day < 0 ? "unknown" : isoDay(day);
    if (day >= 0 && events.published && events.published[i]) when += " (publication date)";
    [["Date", when], ["Place", events.placeLabel(events.place[i])],
     ["Precision", PRECISION_TEXT[events.precision[i]]]].forEach(function (row) {
      el("dt", null, row[0], facts);
      el("dd", null, row[1], facts);
    });
    var links = el("div", "ge-popup-links", null, box);
    var shortened = events.cut.has(events.text[i]);
    var item = config.itemUrl ? safeHref(config.itemUrl.replace("{id}", events.id[i])) : null;
    var source = safeHref(events.str(events.source[i]));
    if (item) addLink(links, item, shortened ? "Full report" : "Record");
    if (source) addLink(links, source, shortened && !item ? "Full report at source" : "Source");
    if (shortened && !item && !source) el("span", "ge-note", "Report shortened", links);
    el("span", "ge-id", "#" + events.id[i], links);
    return box;
  }

  function addLink(parent, href, text) {
    var a = el("a", null, text, parent);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
  }

  function control(position, build) {
    var Control = L.Control.extend({
      options: { position: position },
      onAdd: function () {
        var box = L.DomUtil.create("div", "leaflet-bar ge-control");
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        build(box);
        return box;
      },
    });
    return new Control();
  }

  function typeStyles(types) {
    var sheet = el("style", null, null, document.head).sheet;
    types.forEach(function (t, i) {
      if (!/^#[0-9a-fA-F]{6}$/.test(t.colour)) return;
      sheet.insertRule(".ge-t" + i + " { --ge-colour: " + t.colour + "; }", sheet.cssRules.length);
    });
  }

  function fullscreenControl(map) {
    return control("topleft", function (box) {
      var button = el("a", "ge-fullscreen", null, box);
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("viewBox", "0 0 16 16");
      var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("d", "M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5");
      svg.appendChild(path);
      button.appendChild(svg);
      button.href = "#";
      button.title = "Full screen";
      button.setAttribute("role", "button");
      L.DomEvent.on(button, "click", function (e) {
        L.DomEvent.preventDefault(e);
        var container = map.getContainer();
        if (document.fullscreenElement) document.exitFullscreen();
        else if (container.requestFullscreen) container.requestFullscreen();
      });
      document.addEventListener("fullscreenchange", function () {
        map.invalidateSize();
      });
    });
  }

  function searchControl(map, events) {
    var entries = null;
    function index() {
      var pl = events.places, counts = new Map(), i;
      for (i = 0; i < events.n; i++) counts.set(events.place[i], (counts.get(events.place[i]) || 0) + 1);
      entries = [];
      for (i = 0; i < pl.name.length; i++) {
        var label = events.placeLabel(i);
        entries.push({ place: i, label: label, key: label.toLowerCase(), count: counts.get(i) || 0 });
      }
      entries.sort(function (a, b) { return b.count - a.count; });
    }
    return control("topleft", function (box) {
      box.classList.add("ge-search");
      var input = el("input", null, null, box);
      input.type = "search";
      input.placeholder = "Find a place\u2026";
      input.setAttribute("aria-label", "Find a place");
      var list = el("ul", null, null, box);
      function show() {
        list.replaceChildren();
        var q = input.value.trim().toLowerCase();
        if (!q) return;
        if (!entries) index();
        for (var i = 0, shown = 0; i < entries.length && shown < 8; i++) {
          var entry = entries[i];
          if (entry.key.indexOf(q) === -1) continue;
          shown++;
          var item = el("li", null, null, list);
          var button = el("button", null, entry.label, item);
          el("small", null, " " + entry.count + (entry.count === 1 ? " event" : " events"), button);
          button.type = "button";
          button.addEventListener("click", goTo.bind(null, entry.place));
        }
      }
      function goTo(place) {
        var zoom = 11;
        for (var i = 0; i < events.n; i++) {
          if (events.place[i] === place) zoom = Math.min(zoom, PRECISION_ZOOM[events.precision[i]]);
        }
        map.flyTo(events.placeLatLng(place), zoom);
        list.replaceChildren();
      }
      input.addEventListener("input", show);
      input.addEventListener("keydown", function (e) {
        var first = list.querySelector("button");
        if (e.key === "Enter" && first) first.click();
      });
    });
  }

  function titleControl(config) {
    var countNode = null;
    var title = control("topright", function (box) {
      box.classList.add("ge-title");
      el("div", "ge-title-text", config.title, box);
      countNode = el("div", "ge-count", null, box);
    });
    title.setCount = function (visible, total) {
      var text = visible.toLocaleString("en") + " of " + total.toLocaleString("en") + " events shown";
      if (config.unlocated) {
        text += " (" + config.unlocated.toLocaleString("en") + " without a place, not mapped)";
      }
      countNode.textContent = text;
      countNode.dataset.shown = String(visible);
    };
    return title;
  }

  function legendControl(types) {
    return control("bottomright", function (box) {
      box.classList.add("ge-legend");
      function row(swatchClass, label) {
        var line = el("div", null, null, box);
        el("span", "ge-swatch " + swatchClass, null, line);
        el("span", null, label, line);
      }
      el("div", "ge-legend-head", "Event types", box);
      types.forEach(function (t, i) { row("ge-t" + i, t.label); });
      el("div", "ge-legend-head", "Where", box);
      row("", "exact place");
      row("ge-approx", "approximate: province, region, sea or country (shaded area)");
    });
  }

  /* The first and last event day, or null when no event has a date. */
  function dayRange(events) {
    var first = Infinity, last = -Infinity;
    for (var i = 0; i < events.n; i++) {
      var day = events.day[i];
      if (day < 0) continue;
      if (day < first) first = day;
      if (day > last) last = day;
    }
    return first <= last ? { first: first, last: last } : null;
  }

  /* Slider, window and play button; ``onChange`` gets {end, window, atEnd} on each change. */
  function timeControl(range, onChange) {
    return control("bottomleft", function (box) {
      box.classList.add("ge-time");
      var row = el("div", "ge-time-row", null, box);
      var play = el("button", "ge-play", "\u25b6", row);
      play.type = "button";
      play.title = "Play";
      var windowSelect = el("select", null, null, row);
      windowSelect.setAttribute("aria-label", "Time window");
      WINDOWS.forEach(function (w) {
        el("option", null, w[1], windowSelect).value = String(w[0]);
      });
      var slider = el("input", "ge-slider", null, row);
      slider.type = "range";
      slider.min = String(range.first);
      slider.max = String(range.last);
      slider.value = String(range.last);
      slider.setAttribute("aria-label", "Show events up to this date");
      var label = el("div", "ge-time-label", null, box);

      function read() {
        var time = {
          end: Number(slider.value),
          window: windowSelect.value === "all" ? "all" : Number(windowSelect.value),
        };
        time.atEnd = time.end === range.last;
        var from = time.window === "all" ? range.first
          : Math.max(range.first, time.end - time.window + 1);
        label.textContent = from === time.end ? isoDay(from)
          : isoDay(from) + " \u2013 " + isoDay(time.end);
        return time;
      }
      function changed() {
        onChange(read());
      }

      var timer = null;
      function stop() {
        clearInterval(timer);
        timer = null;
        play.textContent = "\u25b6";
      }
      play.addEventListener("click", function () {
        if (timer) return stop();
        if (Number(slider.value) >= range.last) slider.value = String(range.first);
        play.textContent = "\u275a\u275a";
        timer = setInterval(function () {
          slider.value = String(Number(slider.value) + 1);
          changed();
          if (Number(slider.value) >= range.last) stop();
        }, 400);
      });
      slider.addEventListener("input", changed);
      windowSelect.addEventListener("change", changed);
      read();
    });
  }

  /* Markers in clusters, a heat map and precision areas, kept in step with a filter. */
  function EventLayers(map, events, config) {
    var types = config.types;
    this.map = map;
    this.events = events;
    this.config = config;
    this.shown = new Uint8Array(events.n);
    this.drawn = false;
    this.latlngs = new Array(events.n);
    this.approx = [];
    for (var i = 0; i < events.n; i++) {
      this.latlngs[i] = events.latlng(i);
      if (events.precision[i] > 0) this.approx.push(i);
    }
    var icons = [];
    types.forEach(function (t, k) {
      icons.push(L.divIcon({ className: "ge-dot ge-t" + k, iconSize: [14, 14] }));
      icons.push(L.divIcon({ className: "ge-dot ge-approx ge-t" + k, iconSize: [18, 18] }));
    });
    this.clusters = new L.EventClusters(this.latlngs, function (j) {
      return icons[2 * events.type[j] + (events.precision[j] > 0 ? 1 : 0)];
    }).addTo(map);
    var popup = L.popup({ maxWidth: 360, offset: [0, -4] });
    var markers = this.clusters.markers();
    markers.on("click", function (e) {
      if (e.layer.geIndex === undefined) return;
      events.whenTexts(function () {
        popup.setLatLng(e.layer.getLatLng())
          .setContent(popupContent(events, types, config, e.layer.geIndex))
          .openOn(map);
      });
    });
    markers.on("mouseover", function (e) {
      var j = e.layer.geIndex;
      if (j === undefined) return;
      if (!e.layer.getTooltip()) {
        var tip = el("span", null, events.placeLabel(events.place[j]));
        el("span", "ge-tip-type", " \u00b7 " + types[events.type[j]].label, tip);
        e.layer.bindTooltip(tip, { direction: "top", offset: [0, -8] });
      }
      e.layer.openTooltip();
    });
    this.heat = L.heatLayer([], { radius: 16, blur: 18, minOpacity: 0.35 });
    this.areas = L.layerGroup().addTo(map);
    this.areaCircles = new Map();
  }

  EventLayers.prototype.bounds = function () {
    return L.latLngBounds(this.latlngs);
  };

  /* Show the events ``wants(i)`` accepts; returns how many that is. */
  EventLayers.prototype.show = function (wants) {
    var indices = [], changed = !this.drawn, shown = this.shown;
    for (var i = 0; i < this.events.n; i++) {
      var want = wants(i) ? 1 : 0;
      if (want) indices.push(i);
      if (want !== shown[i]) {
        shown[i] = want;
        changed = true;
      }
    }
    if (changed) {
      if (!this.drawn) performance.mark("geoevents:clustering");
      this.clusters.setPoints(indices);
      this.updateAreas();
      this.updateHeat();
    }
    if (!this.drawn) performance.mark("geoevents:drawn");
    this.drawn = true;
    this.map.getContainer().dataset.geoevents = "ready";
    return indices.length;
  };

  EventLayers.prototype.areaRadius = function (i) {
    var events = this.events, radius = this.config.radius;
    var precision = PRECISIONS[events.precision[i]];
    if (precision === "country") {
      var code = events.names[events.places.country[events.place[i]]];
      return this.config.countryRadius[code] || radius.country;
    }
    return radius[precision];
  };

  /* One shaded circle per approximate place with an event shown. */
  EventLayers.prototype.updateAreas = function () {
    var self = this, events = this.events, wanted = new Map();
    this.approx.forEach(function (i) {
      var key = events.place[i] + ":" + events.precision[i];
      if (self.shown[i] && !wanted.has(key)) wanted.set(key, i);
    });
    this.areaCircles.forEach(function (circle, key) {
      if (wanted.has(key)) return;
      self.areas.removeLayer(circle);
      self.areaCircles.delete(key);
    });
    wanted.forEach(function (i, key) {
      if (self.areaCircles.has(key)) return;
      var circle = L.circle(events.latlng(i), {
        radius: self.areaRadius(i), className: "ge-area", interactive: false,
      });
      self.areaCircles.set(key, circle);
      self.areas.addLayer(circle);
    });
  };

  EventLayers.prototype.updateHeat = function () {
    if (!this.map.hasLayer(this.heat)) return;
    var points = [];
    for (var i = 0; i < this.events.n; i++) {
      if (this.shown[i]) points.push(this.latlngs[i]);
    }
    this.heat.setLatLngs(points);
  };

  /* The map: event layers, the controls, and the filter (types x time) that ties them. */
  function draw(map, layers, config, events) {
    var types = config.types;
    var drawing = new EventLayers(map, events, config);
    var typeOn = types.map(function () { return true; });
    var time = { end: Infinity, window: "all", atEnd: true };
    var title = titleControl(config);

    function wants(i) {
      if (!typeOn[events.type[i]]) return false;
      var day = events.day[i];
      if (day < 0) return time.atEnd && time.window === "all";
      if (day > time.end) return false;
      return time.window === "all" || day > time.end - time.window;
    }
    function apply() {
      title.setCount(drawing.show(wants), events.n);
    }

    types.forEach(function (t, i) {
      var token = L.layerGroup().addTo(map);
      token.geType = i;
      layers.addOverlay(token, '<span class="ge-swatch ge-t' + i + '"></span> ' + escapeHtml(t.label));
    });
    layers.addBaseLayer(L.layerGroup(), "No basemap");
    layers.addOverlay(drawing.areas, "Areas of approximate places");
    layers.addOverlay(drawing.heat, "Heat map");
    map.on("overlayadd overlayremove", function (e) {
      if (e.layer === drawing.heat) return drawing.updateHeat();
      if (e.layer.geType === undefined) return;
      typeOn[e.layer.geType] = e.type === "overlayadd";
      apply();
    });

    title.addTo(map);
    var corner = title.getContainer().parentNode;  // above the layer control
    corner.insertBefore(title.getContainer(), corner.firstChild);
    legendControl(types).addTo(map);
    var range = dayRange(events);
    if (range) {
      timeControl(range, function (next) {
        time = next;
        apply();
      }).addTo(map);
    }
    fullscreenControl(map).addTo(map);
    searchControl(map, events).addTo(map);
    if (events.n) {
      map.fitBounds(drawing.bounds(), { padding: [30, 30], maxZoom: 9, animate: false });
    }
    apply();
  }

  /* Resolves once the browser has painted the current frame. */
  function afterPaint() {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () { setTimeout(resolve, 0); });
    });
  }

  function fail(map, message) {
    var box = el("div", "ge-error", message, map.getContainer());
    box.setAttribute("role", "alert");
    map.getContainer().dataset.geoevents = "error";
  }

  /* Entry point: the page calls this once with its map, layer control, config and the two
   * data elements (core first; texts are decoded once the markers are on screen). */
  window.geoeventsMap = function (map, layers, config, coreNode, textsNode) {
    typeStyles(config.types);
    if (typeof DecompressionStream === "undefined") {
      fail(map, "This browser is too old to open this map (it lacks DecompressionStream).");
      return;
    }
    performance.mark("geoevents:start");
    inflate(coreNode.textContent.trim()).then(function (core) {
      performance.mark("geoevents:decoded");
      var events = new Events(core);
      draw(map, layers, config, events);
      return afterPaint().then(function () {
        return inflate(textsNode.textContent.trim());
      }).then(function (texts) {
        events.setTexts(texts);
      });
    }).catch(function (error) {
      fail(map, "The map data could not be read.");
      throw error;
    });
  };
})();
