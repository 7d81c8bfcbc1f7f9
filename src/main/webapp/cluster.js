// Renders this server's view of the cluster from api/cluster, refreshed every second, and plots its meters.
// Everything is inserted as text, never as HTML.
'use strict';

function cell(row, text, cls) {
    const td = row.insertCell();
    td.textContent = text;
    if (cls) td.className = cls;
}

function render(view) {
    document.getElementById('self').textContent = view.self;
    const summary = document.getElementById('summary');
    summary.className = view.leader && view.hasQuorum ? '' : 'bad';
    summary.textContent = (view.leader ? 'Leader ' + view.leader : 'No leader') + ', epoch ' + view.epoch
        + (view.hasQuorum ? ', with quorum' : ', without quorum') + '. This server is ' + view.role + '.';
    const members = document.getElementById('members');
    members.replaceChildren();
    for (const m of view.members) {
        const row = members.insertRow();
        cell(row, m.id + (m.id === view.leader ? ' (leader)' : ''));
        cell(row, String(m.ringPosition));
        cell(row, m.state, m.state);
        cell(row, m.id === view.self ? 'self'
            : m.lastHeardMillisAgo === null ? 'never' : (m.lastHeardMillisAgo / 1000).toFixed(1) + ' s ago');
    }
    const changes = document.getElementById('changes');
    changes.replaceChildren();
    for (const c of view.leadershipChanges.slice().reverse()) {
        const li = document.createElement('li');
        li.textContent = new Date(c.atMillis).toLocaleTimeString() + ' \u2014 '
            + (c.leader ? c.leader + ' leads' : 'no leader') + ' epoch ' + c.epoch
            + (c.hasQuorum ? '' : ' (no quorum)') + ': ' + c.reason;
        changes.appendChild(li);
    }
}

async function refresh() {
    try {
        const response = await fetch('api/cluster', { cache: 'no-store' });
        if (!response.ok) throw new Error('HTTP ' + response.status);
        render(await response.json());
    } catch (e) {
        const summary = document.getElementById('summary');
        summary.className = 'bad';
        summary.textContent = 'This server does not answer (' + e.message + ').';
    }
}

refresh();
setInterval(refresh, 1000);

// ---- live plots of this server's meters (api/metrics, docs/metrics.md), the last five minutes ----

const WINDOW_MS = 5 * 60 * 1000;
const METRICS_EVERY_MS = 2000;
const COLOURS = ['#2b6cb0', '#c05621', '#2f855a', '#b83280', '#6b46c1', '#718096'];
/** Each plot's lines at one moment, from two successive readings of the meters: {label: value}. */
const PLOTS = {
    'plot-events': (now, before, dt) => ({ 'events/s': (sum(now, 'syncnet.chat.events', 'count')
        - sum(before, 'syncnet.chat.events', 'count')) / dt }),
    'plot-connections': now => byTag(now, 'syncnet.chat.connections', 'door', 'value'),
    'plot-commit': (now, before) => ({ mean: meanMillis(now, before, 'syncnet.cluster.commit.latency') }),
    'plot-delivery': (now, before) => ({ mean: meanMillis(now, before, 'syncnet.chat.delivery.latency') }),
    'plot-lag': now => byTag(now, 'syncnet.cluster.replication.lag', 'follower', 'value'),
    'plot-dropped': (now, before, dt) => {
        const rates = {};
        const earlier = byTag(before, 'syncnet.cluster.datagrams.dropped', 'reason', 'count');
        for (const [reason, n] of Object.entries(byTag(now, 'syncnet.cluster.datagrams.dropped', 'reason', 'count'))) {
            if (n > (earlier[reason] || 0)) rates[reason] = (n - (earlier[reason] || 0)) / dt;
        }
        return Object.keys(rates).length ? rates : { all: 0 };
    },
};
/** Readings kept: {at, meters}; and per plot, the points drawn: {at, values}. */
let lastReading = null;
const points = Object.fromEntries(Object.keys(PLOTS).map(id => [id, []]));

function sum(meters, name, statistic) {
    return meters.filter(m => m.name === name).reduce((s, m) => s + (m.values[statistic] || 0), 0);
}

function byTag(meters, name, tag, statistic) {
    const values = {};
    for (const m of meters) {
        if (m.name === name && statistic in m.values) values[m.tags[tag]] = m.values[statistic];
    }
    return values;
}

/** The mean of what a timer measured between two readings, in ms; null if it measured nothing. */
function meanMillis(now, before, name) {
    const count = sum(now, name, 'count') - sum(before, name, 'count');
    return count > 0 ? 1000 * (sum(now, name, 'total_time') - sum(before, name, 'total_time')) / count : null;
}

function draw(canvas, series) {
    const ctx = canvas.getContext('2d');
    const w = canvas.width, h = canvas.height, top = 16, bottom = h - 14, left = 4, right = w - 4;
    ctx.clearRect(0, 0, w, h);
    const now = Date.now();
    const labels = [...new Set(series.flatMap(p => Object.keys(p.values)))].sort();
    let max = 0;
    for (const p of series) for (const v of Object.values(p.values)) if (v !== null) max = Math.max(max, v);
    max = max > 0 ? max * 1.1 : 1;
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#5a6375';
    ctx.fillText(max.toPrecision(3), left, top - 4);
    ctx.fillText('-5 min', left, h - 2);
    ctx.fillText('now', right - 22, h - 2);
    ctx.strokeStyle = '#e3e6eb';
    ctx.beginPath();
    ctx.moveTo(left, bottom);
    ctx.lineTo(right, bottom);
    ctx.stroke();
    labels.forEach((label, i) => {
        const colour = COLOURS[i % COLOURS.length];
        ctx.strokeStyle = colour;
        ctx.beginPath();
        let drawing = false;
        for (const p of series) {
            const v = p.values[label];
            if (v === undefined || v === null) { drawing = false; continue; }
            const x = right - (now - p.at) / WINDOW_MS * (right - left);
            const y = bottom - v / max * (bottom - top);
            if (drawing) {
                ctx.lineTo(x, y);
            } else {
                ctx.moveTo(x, y);
                ctx.fillStyle = colour;
                ctx.fillRect(x - 1, y - 1, 2, 2); // a point without neighbours shows too
            }
            drawing = true;
        }
        ctx.stroke();
        const latest = series.length ? series[series.length - 1].values[label] : null;
        ctx.fillStyle = colour;
        ctx.fillText(label + (latest === undefined || latest === null ? '' : ' ' + +latest.toPrecision(3)),
            60 + i * 90, top - 4);
    });
}

async function refreshMetrics() {
    try {
        const response = await fetch('api/metrics', { cache: 'no-store' });
        if (!response.ok) return;
        const reading = await response.json();
        if (lastReading) {
            const dt = Math.max(0.001, (reading.atMillis - lastReading.atMillis) / 1000);
            for (const [id, of] of Object.entries(PLOTS)) {
                const series = points[id];
                series.push({ at: Date.now(), values: of(reading.meters, lastReading.meters, dt) });
                while (series.length && Date.now() - series[0].at > WINDOW_MS) series.shift();
                draw(document.getElementById(id), series);
            }
        }
        lastReading = reading;
    } catch (e) {
        // the cluster view above says when this server does not answer
    }
}

refreshMetrics();
setInterval(refreshMetrics, METRICS_EVERY_MS);
