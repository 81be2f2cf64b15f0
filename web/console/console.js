// Draws the console's trend chart with uPlot (served from this server) from the page's JSON block.
'use strict';
(function () {
  // Printed pages show the data tables folded under <details> too.
  window.addEventListener('beforeprint', () => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
  const el = document.getElementById('trend-chart');
  const block = document.getElementById('trend-data');
  if (!el || !block || typeof window.uPlot !== 'function') return;
  const data = JSON.parse(block.textContent || '{}');
  if (!data.x || data.x.length === 0) {
    el.textContent = '本时段没有数据。';
    return;
  }
  const fmtDay = (ts) => {
    const d = new Date(ts * 1000 + 8 * 3600 * 1000);
    return `${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
  };
  const opts = {
    width: Math.max(300, el.clientWidth || 600),
    height: 300,
    tzDate: (ts) => new Date(ts * 1000),
    scales: { x: { time: true }, pct: { range: [0, 100] }, n: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [
      { values: (u, splits) => splits.map(fmtDay), incrs: [86400, 2 * 86400, 7 * 86400, 14 * 86400, 30 * 86400, 91 * 86400, 365 * 86400] },
      { scale: 'pct', label: '满意率 %', stroke: '#0d652d' },
      { scale: 'n', side: 1, label: '条数', grid: { show: false } },
    ],
    series: [
      { label: '日期', value: (u, v) => (v == null ? '' : fmtDay(v)) },
      { label: '满意率 %', scale: 'pct', stroke: '#0d652d', width: 2, spanGaps: true, points: { show: true } },
      { label: '评价数', scale: 'n', stroke: '#0b57d0', width: 2 },
      { label: '差评', scale: 'n', stroke: '#b3261e', width: 2, dash: [6, 4] },
    ],
  };
  const plot = new window.uPlot(opts, [data.x, data.satisfaction, data.rated, data.bad], el);
  window.addEventListener('resize', () => plot.setSize({ width: Math.max(300, el.clientWidth), height: 300 }));
})();
