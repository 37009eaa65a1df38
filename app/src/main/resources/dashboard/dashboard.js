// Driftwatch dashboard: reads the JSON API (docs/api.md) every 5 seconds and draws one model.
'use strict';
const selected = { model: new URLSearchParams(location.search).get('model') };
const charts = {};

// With http.token set, the API needs the token: asked once, kept for this tab only, sent as a bearer token.
let token = sessionStorage.getItem('driftwatch-token');

async function json(url) {
  try {
    const response = await fetch(url, token ? { headers: { Authorization: 'Bearer ' + token } } : {});
    if (response.status === 401) {
      document.getElementById('token-form').hidden = false;
    }
    return response.ok ? await response.json() : null;
  } catch (e) {
    return null;
  }
}

document.getElementById('token-form').addEventListener('submit', event => {
  event.preventDefault();
  token = document.getElementById('token').value;
  sessionStorage.setItem('driftwatch-token', token);
  event.target.hidden = true;
  refresh();
});

const clock = iso => new Date(iso).toISOString().substring(11, 16);

function chart(id, series, yAxes) {
  const element = document.getElementById(id);
  charts[id] = charts[id] || echarts.init(element);
  charts[id].setOption({
    animation: false,
    grid: { left: 48, right: yAxes.length > 1 ? 48 : 16, top: 24, bottom: 24 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: series.map(s => s.name) },
    xAxis: { type: 'category', data: series[0].x },
    yAxis: yAxes.map(a => Object.assign({ type: 'value', scale: true }, a)),
    series: series.map(s => ({ name: s.name, type: s.type || 'line', data: s.y, yAxisIndex: s.axis || 0, showSymbol: false,
      lineStyle: s.dashed ? { type: 'dashed', width: 1 } : undefined })),
  }, true);
  element.dataset.points = String(series[0].y.filter(v => v !== null).length);
}

function drawMetrics(snapshots) {
  const x = snapshots.map(s => clock(s.window_end));
  const regression = snapshots.some(s => s.regression);
  chart('volume', [{ name: 'predictions', type: 'bar', x, y: snapshots.map(s => s.prediction_count) }], [{ scale: false }]);
  const headline = regression ? 'MAE' : 'accuracy';
  // Estimated accuracy (from the calibrated scores, before labels) with its ±3 SE band, beside the realised one.
  const estimate = s => (s.estimated_performance || {}).accuracy || null;
  const estimated = !regression && snapshots.some(estimate);
  document.getElementById('performance-title').textContent = headline
    + (estimated ? ' (realised, and estimated ±3 SE)' : '') + ' and label coverage';
  document.getElementById('estimation-note').hidden = !estimated;
  const series = [
    { name: headline, x, y: snapshots.map(s => regression ? (s.regression ? s.regression.mae : null)
        : (s.classification ? s.classification.accuracy : null)) },
    { name: 'label coverage', x, y: snapshots.map(s => s.label_coverage), axis: 1 },
  ];
  if (estimated) {
    series.push({ name: 'estimated accuracy', x, y: snapshots.map(s => estimate(s) ? estimate(s).value : null) },
      { name: 'band low', x, y: snapshots.map(s => estimate(s) ? estimate(s).lower : null), dashed: true },
      { name: 'band high', x, y: snapshots.map(s => estimate(s) ? estimate(s).upper : null), dashed: true });
  }
  chart('performance', series, [{}, { min: 0, max: 1 }]);
  chart('latency', [{ name: 'p95', x, y: snapshots.map(s => (s.latency_quantiles_ms || {}).p95 ?? null) }], [{}]);
}

const MULTIVARIATE = 'multivariate';

function drawDrift(reports) {
  const table = document.getElementById('drift-heatmap');
  const ordered = reports.slice().reverse(); // oldest first
  const features = [...new Set(ordered.flatMap(r => r.features.map(f => f.feature)))].sort();
  // The numeric features together (PCA reconstruction error) get their own row, under the features.
  const entry = (r, feature) => feature === MULTIVARIATE ? r.multivariate_drift
      : r.features.find(v => v.feature === feature);
  if (ordered.some(r => r.multivariate_drift)) features.push(MULTIVARIATE);
  const detectors = [...new Set(ordered.flatMap(r => r.concept_drift.map(c => c.detector)))].sort();
  let html = '<tr><th class="row">feature</th>' + ordered.map(r => `<th>${clock(r.window_end)}</th>`).join('') + '</tr>';
  for (const feature of features) {
    html += `<tr><th class="row">${escape(feature)}</th>`;
    for (const r of ordered) {
      const f = entry(r, feature);
      if (!f) { html += '<td class="cell"></td>'; continue; }
      // The drift score (statistic over its threshold at the window's size) compares across features and windows.
      const value = f.statistics[f.method];
      const score = f.drift_score ?? (value == null || !f.threshold ? null : value / f.threshold);
      const ratio = score == null ? (f.drifted ? 1 : 0) : Math.min(score, 3) / 3;
      const title = `${f.method} ${value == null ? '' : value.toFixed(3)}` + (score == null ? '' : ` · score ${score.toFixed(2)}`);
      html += `<td class="cell${f.drifted ? ' drifted' : ''}" data-feature="${escape(feature)}" title="${escape(title)}"`
        + ` style="background: rgba(220, 38, 38, ${ratio.toFixed(2)})"></td>`;
    }
    html += '</tr>';
  }
  for (const detector of detectors) {
    html += `<tr><th class="row">concept: ${escape(detector)}</th>`;
    for (const r of ordered) {
      const c = r.concept_drift.find(v => v.detector === detector);
      const state = c ? c.state : '';
      html += `<td class="cell ${state}" title="${state}">${state === 'STABLE' ? '' : state.charAt(0)}</td>`;
    }
    html += '</tr>';
  }
  table.innerHTML = reports.length ? html : '<tr><td>No drift report yet.</td></tr>';
}

function drawAlerts(alerts) {
  document.querySelector('#alerts tbody').innerHTML = alerts.map(a => `<tr class="alert ${a.state}">`
    + `<td>${clock(a.starts_at)}</td><td>${a.state}</td><td>${a.severity}</td><td>${escape(a.rule_id)}</td>`
    + `<td>${escape(a.summary)}</td></tr>`).join('') || '<tr><td colspan="5">No alert.</td></tr>';
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

async function refresh() {
  const [models, alerts, health] = await Promise.all([json('/api/models'), json('/api/alerts?limit=500'), json('/health')]);
  document.getElementById('status').textContent = health ? 'processors: ' + health.status : 'not reachable';
  const names = [...new Set([...(models ? models.models.map(m => m.model) : []),
    ...(alerts ? alerts.recent.map(a => a.model_id) : [])])].sort();
  const firing = new Set(alerts ? alerts.active.map(a => a.model_id) : []);
  // First shown: the model with the most severe firing alert (then the most of them).
  const rank = { CRITICAL: 1000000, WARNING: 1000, INFO: 1 };
  const urgency = n => (alerts ? alerts.active : []).filter(a => a.model_id === n).reduce((sum, a) => sum + (rank[a.severity] || 1), 0);
  if (!selected.model && names.length) selected.model = names.slice().sort((a, b) => urgency(b) - urgency(a))[0];
  document.getElementById('models').innerHTML = names.map(n => `<li data-model="${escape(n)}"`
    + `${n === selected.model ? ' class="selected"' : ''}>${escape(n)}${firing.has(n) ? ' <span class="firing">●</span>' : ''}</li>`).join('');
  if (!selected.model) return;
  document.getElementById('model-name').textContent = selected.model;
  const model = encodeURIComponent(selected.model);
  const [metrics, drift] = await Promise.all([json(`/api/models/${model}/metrics?limit=120`), json(`/api/models/${model}/drift?limit=36`)]);
  if (metrics) drawMetrics(metrics.snapshots);
  drawDrift(drift ? drift.reports : []);
  drawAlerts(alerts ? alerts.recent.filter(a => a.model_id === selected.model) : []);
}

document.getElementById('models').addEventListener('click', event => {
  const item = event.target.closest('li');
  if (item) { selected.model = item.dataset.model; refresh(); }
});
window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
refresh();
setInterval(refresh, 5000);
