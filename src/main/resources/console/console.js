// hatang console: charts from the JSON the pages carry in data-chart attributes (no inline script: the CSP forbids
// it), after the first load and after every htmx swap. Everything else works without this file.
(function () {
  "use strict";
  function charts(root) {
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.drawn || typeof uPlot === "undefined") { return; }
      var d = JSON.parse(el.dataset.chart);
      el.dataset.drawn = "1";
      var width = Math.max(280, Math.min(el.clientWidth || 600, 900));
      var series = [{}];
      d.series.forEach(function (s, i) {
        series.push({ label: s, stroke: ["#1f6feb", "#d1242f", "#2da44e", "#8250df"][i % 4], width: 2,
          value: function (u, v) { return v == null ? "—" : v.toLocaleString("vi-VN") + (d.unit || ""); } });
      });
      new uPlot({ width: width, height: 240, series: series,
        axes: [{ values: function (u, ticks) { return ticks.map(function (t) {
          return new Date(t * 1000).toLocaleDateString("vi-VN"); }); } }, {}],
        scales: { x: { time: true } } }, d.data, el);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { charts(document); });
  document.addEventListener("htmx:load", function () { charts(document); });
})();
