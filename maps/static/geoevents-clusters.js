/* geoevents clusters: a Leaflet layer that clusters up to hundreds of thousands of points.
 *
 * The hierarchy is built bottom-up in one pass per zoom level over a grid hash (each level
 * clusters the items of the level below within a pixel radius), so a filter change rebuilds
 * it in a fraction of a second. Only the items inside the view become Leaflet markers. Points
 * stacked on one spot stay a cluster at every zoom; clicking it spreads them out ("spiderfy").
 */
(function () {
  "use strict";

  var STACK_LEVEL = 17;  // leaves grouped by identical position; clusters live below this zoom

  function mercatorX(lng) {
    return lng / 360 + 0.5;
  }

  function mercatorY(lat) {
    var sin = Math.sin(lat * Math.PI / 180);
    var y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
    return Math.min(1, Math.max(0, y));
  }

  function toLatLng(x, y) {
    var n = Math.PI - 2 * Math.PI * y;
    return L.latLng(180 / Math.PI * Math.atan(0.5 * (Math.exp(n) - Math.exp(-n))), (x - 0.5) * 360);
  }

  /* Items whose positions are equal, as one stack each; single points stay leaves. */
  function stacks(leaves) {
    var slotOf = new Map(), out = [];
    leaves.forEach(function (leaf) {
      var key = leaf.x + "," + leaf.y, slot = slotOf.get(key);
      if (slot === undefined) {
        slotOf.set(key, out.length);
        out.push(leaf);
        return;
      }
      var found = out[slot];
      if (found.stack) {
        found.children.push(leaf);
        found.count++;
      } else {
        out[slot] = { x: leaf.x, y: leaf.y, count: 2, children: [found, leaf], stack: true };
      }
    });
    return out;
  }

  /* One level up: items within ``radius`` (in world units at this zoom) of each other merge. */
  function merge(items, radius) {
    var grid = new Map(), used = new Uint8Array(items.length), out = [], r2 = radius * radius;
    var cells = new Array(items.length);
    items.forEach(function (item, k) {
      var key = Math.floor(item.x / radius) * 4194304 + Math.floor(item.y / radius);
      cells[k] = key;
      var bucket = grid.get(key);
      if (bucket) bucket.push(k);
      else grid.set(key, [k]);
    });
    for (var k = 0; k < items.length; k++) {
      if (used[k]) continue;
      used[k] = 1;
      var item = items[k], members = null;
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          var bucket = grid.get(cells[k] + dx * 4194304 + dy);
          if (!bucket) continue;
          for (var b = 0; b < bucket.length; b++) {
            var m = bucket[b], other = items[m];
            if (used[m]) continue;
            var ex = other.x - item.x, ey = other.y - item.y;
            if (ex * ex + ey * ey > r2) continue;
            used[m] = 1;
            (members || (members = [item])).push(other);
          }
        }
      }
      if (!members) {
        out.push(item);
        continue;
      }
      var count = 0, sx = 0, sy = 0;
      members.forEach(function (member) {
        count += member.count;
        sx += member.x * member.count;
        sy += member.y * member.count;
      });
      out.push({ x: sx / count, y: sy / count, count: count, children: members });
    }
    return out;
  }

  function leavesOf(item, out) {
    if (!item.children) out.push(item.index);
    else item.children.forEach(function (child) { leavesOf(child, out); });
    return out;
  }

  function clusterIcon(count) {
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var outer = document.createElement("div");
    var span = document.createElement("span");
    span.textContent = String(count);
    outer.appendChild(span);
    return L.divIcon({
      html: outer, className: "marker-cluster marker-cluster-" + size, iconSize: [40, 40],
    });
  }

  L.EventClusters = L.Layer.extend({
    options: { radius: 50, spiderLeg: 28 },

    /* ``latlngs`` for every point by index; ``icon(index)`` the icon of a single point. */
    initialize: function (latlngs, icon, options) {
      L.setOptions(this, options);
      this._icon = icon;
      this._x = new Float64Array(latlngs.length);
      this._y = new Float64Array(latlngs.length);
      for (var i = 0; i < latlngs.length; i++) {
        this._x[i] = mercatorX(latlngs[i].lng);
        this._y[i] = mercatorY(latlngs[i].lat);
      }
      this._levels = [];
      this._group = L.featureGroup();
      this._spider = null;
      this._group.on("click", this._onClick, this);
    },

    /* The Leaflet group holding the markers on screen, for click and hover handlers. */
    markers: function () {
      return this._group;
    },

    /* Cluster exactly these point indices (replacing what was shown before). */
    setPoints: function (indices) {
      var self = this;
      this._unspiderfy();
      var level = stacks(Array.prototype.map.call(indices, function (i) {
        return { x: self._x[i], y: self._y[i], count: 1, index: i };
      }));
      this._levels = [];
      this._levels[STACK_LEVEL] = level;
      for (var z = STACK_LEVEL - 1; z >= 0; z--) {
        level = merge(level, this.options.radius / (256 * Math.pow(2, z)));
        this._levels[z] = level;
      }
      this._redraw();
    },

    onAdd: function (map) {
      this._group.addTo(map);
      map.on("moveend", this._redraw, this);
      map.on("zoomstart click", this._unspiderfy, this);
      this._redraw();
    },

    onRemove: function (map) {
      map.off("moveend", this._redraw, this);
      map.off("zoomstart click", this._unspiderfy, this);
      this._unspiderfy();
      this._group.clearLayers();
      map.removeLayer(this._group);
    },

    _redraw: function () {
      var map = this._map;
      if (!map || !this._levels.length) return;
      var zoom = this._zoomLevel();
      if (this._spider && this._spider.zoom === zoom) return;  // a pan, e.g. to fit a popup
      this._unspiderfy();
      this._group.clearLayers();
      var view = map.getBounds().pad(0.25);
      var west = mercatorX(view.getWest()), east = mercatorX(view.getEast());
      var north = mercatorY(view.getNorth()), south = mercatorY(view.getSouth());
      var whole = east - west >= 1;
      var items = this._levels[zoom];
      for (var k = 0; k < items.length; k++) {
        var item = items[k];
        if (item.y < north || item.y > south) continue;
        if (!whole && (item.x < west || item.x > east)) continue;
        this._group.addLayer(this._marker(item));
      }
    },

    _zoomLevel: function () {
      return Math.min(STACK_LEVEL, Math.max(0, Math.round(this._map.getZoom())));
    },

    _marker: function (item) {
      var marker;
      if (item.children) {
        marker = L.marker(toLatLng(item.x, item.y), { icon: clusterIcon(item.count), keyboard: false });
        marker.geCluster = item;
      } else {
        marker = L.marker(toLatLng(item.x, item.y), { icon: this._icon(item.index), keyboard: false });
        marker.geIndex = item.index;
      }
      return marker;
    },

    _onClick: function (e) {
      var item = e.layer.geCluster;
      if (!item) return;
      if (item.stack) return this._spiderfy(e.layer, item);
      var bounds = L.latLngBounds(item.children.map(function (child) {
        return toLatLng(child.x, child.y);
      }));
      var zoom = Math.max(this._map.getZoom() + 1, this._map.getBoundsZoom(bounds));
      this._map.setView(bounds.getCenter(), Math.min(zoom, this._map.getMaxZoom()));
    },

    /* Spread a stack's points around it (a circle, or a spiral when there are many). */
    _spiderfy: function (clusterMarker, stack) {
      this._unspiderfy();
      var map = this._map, centre = map.latLngToLayerPoint(clusterMarker.getLatLng());
      var indices = leavesOf(stack, []), n = indices.length, legs = [], markers = [];
      var positions = [];
      if (n <= 9) {
        var circle = Math.max(this.options.spiderLeg, (n * 22) / (2 * Math.PI));
        for (var i = 0; i < n; i++) {
          var a = (2 * Math.PI * i) / n;
          positions.push(L.point(centre.x + circle * Math.cos(a), centre.y + circle * Math.sin(a)));
        }
      } else {
        var angle = 0, leg = this.options.spiderLeg;
        for (var j = 0; j < n; j++) {
          angle += 22 / leg + j * 0.0005;
          positions.push(L.point(centre.x + leg * Math.cos(angle), centre.y + leg * Math.sin(angle)));
          leg += (2 * Math.PI * 5) / angle;
        }
      }
      this._group.removeLayer(clusterMarker);
      var self = this;
      indices.forEach(function (index, k) {
        var at = map.layerPointToLatLng(positions[k]);
        legs.push(L.polyline([clusterMarker.getLatLng(), at], {
          className: "ge-spider-leg", interactive: false,
        }).addTo(map));
        var marker = self._marker({ x: mercatorX(at.lng), y: mercatorY(at.lat), index: index });
        markers.push(marker);
        self._group.addLayer(marker);
      });
      this._spider = { cluster: clusterMarker, legs: legs, markers: markers, zoom: this._zoomLevel() };
    },

    _unspiderfy: function () {
      var spider = this._spider;
      if (!spider) return;
      this._spider = null;
      spider.legs.forEach(function (leg) { leg.remove(); });
      spider.markers.forEach(function (marker) { this._group.removeLayer(marker); }, this);
      this._group.addLayer(spider.cluster);
    },
  });
})();
