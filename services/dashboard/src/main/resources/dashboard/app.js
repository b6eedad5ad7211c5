// The class page: one tile per student, kept live by Server-Sent Events from the dashboard server.
'use strict';

const classId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
const api = `/api/classes/${encodeURIComponent(classId)}`;
const STALE_CHECK_MS = 500;
const THUMBNAIL_REFRESH_MS = 1000;
// COCO-17 joints joined by the skeleton's bones (MoveNet's keypoint order).
const BONES = [[0, 1], [0, 2], [1, 3], [2, 4], [5, 6], [5, 7], [7, 9], [6, 8], [8, 10], [5, 11], [6, 12],
  [11, 12], [11, 13], [13, 15], [12, 14], [14, 16]];
const MIN_KEYPOINT_SCORE = 0.3;
const STATE_LABELS = {ACTIVE: 'active', IDLE: 'idle', NOT_VISIBLE: 'not visible', STREAM_DOWN: 'stream down'};
const COMPACT_FROM = 16;
const DENSE_FROM = 30;
const ATTENTION = ['STREAM_DOWN', 'NOT_VISIBLE', 'IDLE', 'ACTIVE'];

const tiles = new Map();        // participantId -> latest tile data
const elements = new Map();     // participantId -> tile element
// The server writes its configured staleness limit into the page.
const staleAfterMs = Number(document.body.dataset.staleAfterMs) || 5000;
let lastMessage = 0;
let showVideo = true;

document.getElementById('class-name').textContent = classId;
document.title = `RepStream · ${classId}`;

function el(tile, selector) {
  return tile.querySelector(selector);
}

function render(t) {
  tiles.set(t.participantId, t);
  let tile = elements.get(t.participantId);
  if (!tile) {
    tile = document.getElementById('tile-template').content.firstElementChild.cloneNode(true);
    tile.dataset.participantId = t.participantId;
    elements.set(t.participantId, tile);
  }
  el(tile, '.name').textContent = t.participantId;
  el(tile, '.exercise').textContent = t.exercise ? t.exercise.replaceAll('_', ' ') : '—';
  el(tile, '.reps-set').textContent = t.repsInSet;
  el(tile, '.reps-class').textContent = t.repsInClass;
  el(tile, '.rpm').textContent = Math.round(t.repsPerMinute);
  el(tile, '.state').textContent = STATE_LABELS[t.state] || t.state.toLowerCase();
  el(tile, '.tempo').textContent = t.lastRepMillis ? `last rep ${(t.lastRepMillis / 1000).toFixed(1)} s` : '';
  tile.dataset.state = t.state;
  tile.classList.toggle('attention', t.state !== 'ACTIVE');
  tile.classList.toggle('partial-rep', t.lastRepPartial);
  drawVideo(tile, t);
}

function drawVideo(tile, t) {
  const video = el(tile, '.video');
  video.hidden = !(showVideo && t.thumbnail);
  if (video.hidden) {
    return;
  }
  const img = el(video, 'img');
  const now = Date.now();
  if (!img.dataset.loaded || now - Number(img.dataset.loaded) > THUMBNAIL_REFRESH_MS) {
    img.dataset.loaded = String(now);
    img.src = `${api}/participants/${encodeURIComponent(t.participantId)}/thumbnail.jpg?t=${now}`;
  }
  const canvas = el(video, 'canvas');
  const w = canvas.width = video.clientWidth;
  const h = canvas.height = video.clientHeight;
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, w, h);
  const kp = t.pose || [];
  if (kp.length !== 17) {
    return;
  }
  g.strokeStyle = '#3cf';
  g.lineWidth = 2;
  for (const [a, b] of BONES) {
    if (kp[a][2] >= MIN_KEYPOINT_SCORE && kp[b][2] >= MIN_KEYPOINT_SCORE) {
      g.beginPath();
      g.moveTo(kp[a][0] * w, kp[a][1] * h);
      g.lineTo(kp[b][0] * w, kp[b][1] * h);
      g.stroke();
    }
  }
}

function layout() {
  const main = document.getElementById('tiles');
  const order = [...tiles.values()].sort((a, b) =>
    ATTENTION.indexOf(a.state) - ATTENTION.indexOf(b.state) || a.participantId.localeCompare(b.participantId));
  order.forEach((t, i) => {
    const tile = elements.get(t.participantId);
    if (main.children[i] !== tile) {
      main.insertBefore(tile, main.children[i] || null);
    }
  });
  const all = [...tiles.values()];
  // Big classes get smaller tiles so every student stays on one screen.
  document.body.dataset.density = all.length > DENSE_FROM ? 'dense' : all.length > COMPACT_FROM ? 'compact' : 'roomy';
  document.getElementById('total-students').textContent = all.length;
  document.getElementById('total-active').textContent = all.filter(t => t.state === 'ACTIVE').length;
  document.getElementById('total-attention').textContent = all.filter(t => t.state !== 'ACTIVE').length;
  document.getElementById('total-reps').textContent = all.reduce((n, t) => n + t.repsInClass, 0);
}

function setConnection(state, text) {
  const c = document.getElementById('connection');
  c.className = `connection ${state}`;
  c.textContent = text;
  document.body.classList.toggle('stale', state !== 'live');
}

function heard() {
  lastMessage = Date.now();
  setConnection('live', 'live');
}

function connect() {
  const events = new EventSource(`${api}/events`);
  events.addEventListener('snapshot', e => {
    heard();
    const list = JSON.parse(e.data);
    const ids = new Set(list.map(t => t.participantId));
    for (const id of [...tiles.keys()]) {
      if (!ids.has(id)) {
        elements.get(id).remove();
        elements.delete(id);
        tiles.delete(id);
      }
    }
    list.forEach(render);
    layout();
  });
  events.addEventListener('tile', e => {
    heard();
    render(JSON.parse(e.data));
    layout();
  });
  events.addEventListener('pose', e => {
    heard();
    const p = JSON.parse(e.data);
    const t = tiles.get(p.participantId);
    if (t) {
      t.pose = p.pose;
      t.thumbnail = p.thumbnail;
      drawVideo(elements.get(p.participantId), t);
    }
  });
  events.addEventListener('heartbeat', heard);
  // EventSource reconnects by itself; say so instead of showing old numbers as if they were live.
  events.onerror = () => setConnection('reconnecting', 'reconnecting…');
}

setInterval(() => {
  if (lastMessage && Date.now() - lastMessage > staleAfterMs) {
    setConnection('stale', `stale: no data for ${Math.round((Date.now() - lastMessage) / 1000)} s`);
  }
}, STALE_CHECK_MS);

async function command(path, question) {
  if (question && !confirm(question)) {
    return;
  }
  const res = await fetch(`${api}/${path}`, {method: 'POST'});
  if (!res.ok) {
    alert(`The dashboard refused: ${res.status}`);
  }
}

document.getElementById('new-set').onclick = () => command('sets');
document.getElementById('reset').onclick = () => command('reset', 'Reset every count of this class to zero?');
document.getElementById('show-video').onchange = e => {
  showVideo = e.target.checked;
  tiles.forEach(t => drawVideo(elements.get(t.participantId), t));
};

connect();
