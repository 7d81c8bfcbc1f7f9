// Renders this server's view of the cluster from api/cluster, refreshed every second.
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
