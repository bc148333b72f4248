/* LiquidStream live view: plain ES2020, no build step; ECharts is the only dependency.
 * Wire protocol: docs/view-protocol.md. Everything read from the streams is treated as untrusted:
 * text goes through esc() or textContent, and every field may be missing or null. */
'use strict';
(() => {
  const CANVAS_BG = [7, 9, 12];        // same as --canvas-bg in view.css
  const ON_RGB = [80, 210, 255];       // ON events (and 1-D events)
  const OFF_RGB = [255, 92, 138];      // OFF events
  const SPIKE_RGB = 'rgb(255, 196, 70)';
  const DECAY_MS = 150;                // vision frame: time constant of the exponential fade
  const RASTER_MS = 2000;              // 1-D raster: time shown across the canvas
  const RASTER_DELAY_MS = 200;         // 1-D raster: display lag that hides uneven delivery of messages
  const PALETTE = ['#4cc2ff', '#ff9f43', '#3fb950', '#f85149', '#bc8cff', '#e3b341', '#39d0d8',
    '#ff7eb6', '#9fb0c3', '#a5d66f', '#ff6e40', '#7c83ff', '#ffd166', '#06d6a0', '#ef476f', '#c0ca33'];
  const NO_CLASS = '#59636e';
  const SYMBOLS = { vision: 'circle', audio: 'triangle', neural: 'diamond' };
  const STAR = 'path://M50,0L61,35L98,35L68,57L79,91L50,70L21,91L32,57L2,35L39,35Z';
  const AXIS = { axisLine: { lineStyle: { color: '#39424e' } }, axisLabel: { color: '#7d8794', fontSize: 10 },
    splitLine: { lineStyle: { color: '#1d232c' } }, nameTextStyle: { color: '#7d8794', fontSize: 10 } };

  const $ = (id) => document.getElementById(id);
  const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const esc = (v) => (v === null || v === undefined ? '' : String(v).replace(/[&<>"']/g, (c) => ESC[c]));
  const arr = (v) => (Array.isArray(v) ? v : []);
  const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
  const fix = (v, d = 1) => (isNum(v) ? v.toFixed(d) : '–');
  const parse = (s) => { try { return JSON.parse(s); } catch (e) { return null; } };
  const rgb32 = (c) => ((255 << 24) | (c[2] << 16) | (c[1] << 8) | c[0]) >>> 0; // ImageData is RGBA bytes, little-endian
  const BG32 = rgb32(CANVAS_BG);

  /** Human figure for a rate: 950, 4.2 k, 1.3 M. */
  function si(v) {
    if (!isNum(v)) return '–';
    if (Math.abs(v) >= 1e6) return (v / 1e6).toFixed(1) + ' M';
    if (Math.abs(v) >= 1e3) return (v / 1e3).toFixed(1) + ' k';
    return v.toFixed(Math.abs(v) < 10 && v !== Math.round(v) ? 1 : 0);
  }
  function ago(ms) {
    if (!isNum(ms)) return '–';
    const s = Math.max(0, ms) / 1000;
    return s < 60 ? s.toFixed(1) + ' s ago' : Math.floor(s / 60) + ' min ago';
  }
  function setText(el, text) { if (el.textContent !== text) el.textContent = text; }
  function setHtml(el, html) { if (el._html !== html) { el.innerHTML = html; el._html = html; } }

  const state = {
    info: null,
    selected: null,           // source id whose stream is open
    sourceStream: null,
    sources: [],
    classNames: {},
    checked: new Map(),       // window id -> the window as last listed (register form)
    res: null,                // latest reservoir message of the selected source
  };

  /**
   * Keyed row update: an item whose key is still listed keeps its element (so a click in progress,
   * or a test's element reference, survives the 500 ms refresh); its HTML is rewritten only when it
   * changed. `make()` creates a row (its HTML goes into `row._cells` when set, else the row itself);
   * `attrs(el, item)` sets attributes after the HTML.
   */
  function syncRows(parent, items, key, html, attrs, emptyHtml, make = () => document.createElement('tr')) {
    const old = parent._rows || new Map();
    const next = new Map();
    const keep = [];
    for (const it of items) {
      const k = key(it);
      if (next.has(k)) continue;
      const el = old.get(k) || make();
      setHtml(el._cells || el, html(it));
      attrs(el, it);
      next.set(k, el);
      keep.push(el);
    }
    old.forEach((el, k) => { if (!next.has(k)) el.remove(); });
    if (parent._empty) { parent._empty.remove(); parent._empty = null; }
    keep.forEach((el, i) => { if (parent.children[i] !== el) parent.insertBefore(el, parent.children[i] || null); });
    if (!keep.length && emptyHtml) {
      const e = document.createElement(parent.tagName === 'TBODY' ? 'tr' : 'div');
      e.innerHTML = emptyHtml;
      parent.appendChild(e);
      parent._empty = e;
    }
    parent._rows = next;
  }

  /* ---------------------------------------------------------------- header and /api/info */

  function setConn(s) { const el = $('conn'); el.className = 'conn ' + s; setText(el, s); }

  function loadInfo() {
    fetch('/api/info')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status))))
      .then(applyInfo)
      .catch(() => { setText($('info-version'), 'info unavailable, retrying'); setTimeout(loadInfo, 3000); });
  }

  function applyInfo(info) {
    state.info = info || {};
    setText($('info-bootstrap'), state.info.bootstrapServers || '–');
    setText($('info-model'), state.info.modelVersion || 'none');
    setText($('info-version'), state.info.version || '–');
    const allow = state.info.allowAnchors === true;
    $('register-fields').disabled = !allow;
    $('register-off').hidden = allow;
    if (state.info.reservoir === false) {
      $('reservoir-note').textContent = 'Start the view with --model to see the reservoir';
    }
    drawReservoir();
  }

  /* ---------------------------------------------------------------- overview stream */

  function connectOverview() {
    const es = new EventSource('/stream/overview');
    es.onopen = () => setConn('connected');
    es.onerror = () => {
      setConn('reconnecting');
      // EventSource retries by itself unless the answer was not an event stream at all.
      if (es.readyState === EventSource.CLOSED) setTimeout(connectOverview, 2000);
    };
    es.addEventListener('overview', (e) => {
      const ov = parse(e.data);
      if (!ov) return;
      setConn('connected');
      onOverview(ov);
    });
  }

  function onOverview(ov) {
    state.classNames = ov.classNames && typeof ov.classNames === 'object' ? ov.classNames : {};
    // One panel's bad data must not stop the others; a bug still surfaces in the console.
    const panels = [
      () => renderSources(arr(ov.sources), ov.nowMillis),
      () => renderAssociations(arr(ov.associations)),
      () => renderAccuracy(ov.accuracy || {}),
      () => renderMap(ov.map || {}),
      () => renderHealth(ov.health || {}),
      () => renderWindows(arr(ov.windows)),
    ];
    for (const p of panels) { try { p(); } catch (err) { console.error('view: panel update failed', err); } }
  }

  function className(cls) {
    if (cls === null || cls === undefined) return null;
    return state.classNames[String(cls)] || null;
  }

  /* ---------------------------------------------------------------- sources */

  function renderSources(sources, now) {
    state.sources = sources;
    if (!state.selected && sources.length) {
      const first = sources.find((s) => s && s.modality === 'vision') || sources[0];
      if (first && first.source != null) select(String(first.source));
    }
    syncRows($('sources').tBodies[0], sources.filter((s) => s && s.source != null), (s) => String(s.source),
      (s) => {
        const since = isNum(now) && isNum(s.lastSeenMillis) ? now - s.lastSeenMillis : null;
        return `<td title="${esc(s.source)}">${esc(s.source)}</td><td>${esc(s.modality)}</td>`
          + `<td class="num">${si(s.eventsPerSecond)}</td><td class="num">${isNum(s.lag) ? s.lag : '–'}</td>`
          + `<td class="num${since > 5000 ? ' stale' : ''}">${ago(since)}</td>`;
      },
      (tr, s) => { tr.dataset.source = String(s.source); tr.classList.toggle('selected', String(s.source) === state.selected); },
      '<td colspan="5" class="empty">no source seen in the last minute</td>');
    setText($('sources-meta'), sources.length + (sources.length === 1 ? ' source' : ' sources'));
  }

  function select(src) {
    if (src === state.selected) return;
    state.selected = src;
    if (state.sourceStream) state.sourceStream.close();
    resetEvents();
    state.res = null;
    drawReservoir();
    for (const tr of $('sources').tBodies[0].rows) tr.classList.toggle('selected', tr.dataset.source === src);
    openSourceStream(src);
  }

  function openSourceStream(src) {
    const es = new EventSource('/stream/source?id=' + encodeURIComponent(src));
    state.sourceStream = es;
    es.addEventListener('events', (e) => { const m = parse(e.data); if (m && es === state.sourceStream) onEvents(m); });
    es.addEventListener('reservoir', (e) => { const m = parse(e.data); if (m && es === state.sourceStream) onReservoir(m); });
    es.onerror = () => {
      if (es !== state.sourceStream || es.readyState !== EventSource.CLOSED) return;
      // Closed for good (e.g. 404: the source went quiet). Retry while the overview still lists it,
      // else let the next overview pick the default source again.
      setText($('events-meta'), src + ' · stream closed');
      setTimeout(() => {
        if (state.sourceStream !== es) return;
        if (state.sources.some((s) => s && String(s.source) === src)) openSourceStream(src);
        else { state.selected = null; state.sourceStream = null; }
      }, 3000);
    };
  }

  /* ---------------------------------------------------------------- events canvas */

  // kind 'frame' (vision: decaying ON/OFF accumulators per pixel) or 'raster' (1-D: the messages of
  // the last RASTER_MS; older ones are dropped, so memory is what is on screen).
  const ev = { kind: null, w: 0, h: 0, on: null, off: null, small: null, smallImg: null, cursor: null,
    channels: 0, chunks: [], img: null, active: false, count: 0, dropped: 0, countSince: 0, modality: '' };
  const evCanvas = $('event-canvas');
  // willReadFrequently: a test reading pixels back repeatedly must not draw a console warning
  const evCtx = evCanvas.getContext('2d', { willReadFrequently: true });
  const resCanvas = $('reservoir-canvas'), ratesCanvas = $('rates-canvas');

  function resetEvents() {
    Object.assign(ev, { kind: null, w: 0, h: 0, on: null, off: null, small: null, smallImg: null, cursor: null,
      channels: 0, chunks: [], active: true, count: 0, dropped: 0, countSince: performance.now() });
    setText($('events-meta'), state.selected ? state.selected + ' · waiting for events' : '');
    $('events-legend').innerHTML = '';
  }

  function sourceInfo() { return state.sources.find((s) => s && String(s.source) === state.selected) || {}; }

  function onEvents(m) {
    const x = arr(m.x), y = arr(m.y), p = arr(m.p), t = arr(m.t);
    const si0 = sourceInfo();
    ev.modality = m.modality || si0.modality || '';
    ev.count += x.length;
    ev.dropped += isNum(m.dropped) ? m.dropped : 0;
    const vision = ev.modality === 'vision' || (y.length > 0 && y.length === x.length);
    if (vision) {
      let w = m.width > 0 ? m.width : si0.width > 0 ? si0.width : 0;
      let h = m.height > 0 ? m.height : si0.height > 0 ? si0.height : 0;
      if (!(w > 0 && h > 0)) {   // geometry not declared: grow to the largest address seen
        w = Math.max(1, ev.w, ...x.map((v) => v + 1));
        h = Math.max(1, ev.h, ...y.map((v) => v + 1));
      }
      if (ev.kind !== 'frame' || w !== ev.w || h !== ev.h) initFrame(w, h);
      for (let i = 0; i < x.length; i++) {
        const xi = x[i], yi = y[i];
        if (!(xi >= 0 && xi < w && yi >= 0 && yi < h)) continue;
        const k = yi * w + xi;
        if (p.length && p[i] === 0) ev.off[k] += 1; else ev.on[k] += 1;
      }
      ev.active = true;
    } else {
      let c = m.channels > 0 ? m.channels : si0.channels > 0 ? si0.channels : 0;
      for (const v of x) if (v + 1 > c) c = v + 1; // tolerate an undeclared geometry
      if (ev.kind !== 'raster') { ev.kind = 'raster'; ev.chunks = []; setEventsLegend(); }
      if (c !== ev.channels) { ev.channels = c; setEventsLegend(); }
      // Messages are contiguous on the source clock: each starts where the previous one ended, so a
      // late burst of messages does not leave a gap followed by a pile-up. Resync to the arrival time
      // when the two clocks drift apart (first message, a stall, a replay faster than real time).
      const span = isNum(m.spanMicros) && m.spanMicros > 0 ? m.spanMicros / 1000 : 40;
      const arrival = performance.now() - span;
      const start = ev.cursor !== null && Math.abs(ev.cursor - arrival) < 300 ? ev.cursor : arrival;
      ev.cursor = start + span;
      ev.chunks.push({ start, span, t, x });
      trimRaster(performance.now() - RASTER_DELAY_MS);   // also here: no animation frames in a hidden tab
    }
  }

  function initFrame(w, h) {
    Object.assign(ev, { kind: 'frame', w, h, on: new Float32Array(w * h), off: new Float32Array(w * h) });
    ev.small = document.createElement('canvas');
    ev.small.width = w; ev.small.height = h;
    ev.smallImg = new ImageData(w, h);
    setEventsLegend();
  }

  function setEventsLegend() {
    const sw = (c) => `<span class="swatch" style="background:rgb(${c.join(',')})"></span>`;
    $('events-legend').innerHTML = ev.kind === 'frame'
      ? `<span>${sw(ON_RGB)}ON</span><span>${sw(OFF_RGB)}OFF</span><span>${ev.w}×${ev.h}</span><span>fade τ ${DECAY_MS} ms</span>`
      : `<span>${sw(ON_RGB)}event</span><span>y: channel 0 (bottom) – ${Math.max(0, ev.channels - 1)} (top)</span>`
        + `<span>x: last ${RASTER_MS / 1000} s, newest at right</span>`;
  }

  /** Keeps a canvas's backing store at its CSS size × devicePixelRatio; true when it changed. */
  function fitCanvas(c) {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(c.clientWidth * dpr)), h = Math.max(1, Math.round(c.clientHeight * dpr));
    if (c.width === w && c.height === h) return false;
    c.width = w; c.height = h;
    return true;
  }

  function drawFrame(dt) {
    const { on, off, w, h } = ev;
    const px = new Uint32Array(ev.smallImg.data.buffer);
    const k = Math.exp(-dt / DECAY_MS);
    let any = false;
    for (let i = 0; i < on.length; i++) {
      let a = on[i] * k, b = off[i] * k;
      if (a < 0.02) a = 0;   // snap to zero so a quiet pixel returns exactly to the background
      if (b < 0.02) b = 0;
      on[i] = a; off[i] = b;
      if (a === 0 && b === 0) { px[i] = BG32; continue; }
      any = true;
      const fa = a / (a + 0.6), fb = b / (b + 0.6);  // saturating brightness
      const r = Math.min(255, CANVAS_BG[0] + (ON_RGB[0] - CANVAS_BG[0]) * fa + (OFF_RGB[0] - CANVAS_BG[0]) * fb) | 0;
      const g = Math.min(255, CANVAS_BG[1] + (ON_RGB[1] - CANVAS_BG[1]) * fa + (OFF_RGB[1] - CANVAS_BG[1]) * fb) | 0;
      const bl = Math.min(255, CANVAS_BG[2] + (ON_RGB[2] - CANVAS_BG[2]) * fa + (OFF_RGB[2] - CANVAS_BG[2]) * fb) | 0;
      px[i] = ((255 << 24) | (bl << 16) | (g << 8) | r) >>> 0;
    }
    ev.small.getContext('2d').putImageData(ev.smallImg, 0, 0);
    const W = evCanvas.width, H = evCanvas.height;
    let s = Math.min(W / w, H / h);
    if (s >= 2) s = Math.floor(s);   // whole-pixel scaling keeps sensor pixels square and even
    const dw = Math.round(w * s), dh = Math.round(h * s);
    evCtx.fillStyle = `rgb(${CANVAS_BG.join(',')})`;
    evCtx.fillRect(0, 0, W, H);
    evCtx.imageSmoothingEnabled = false;
    evCtx.drawImage(ev.small, (W - dw) >> 1, (H - dh) >> 1, dw, dh);
    ev.active = any;
  }

  function trimRaster(now) {
    while (ev.chunks.length && now - ev.chunks[0].start > RASTER_MS + ev.chunks[0].span) ev.chunks.shift();
  }

  function drawRaster(now) {
    const W = evCanvas.width, H = evCanvas.height, C = Math.max(1, ev.channels);
    if (!ev.img || ev.img.width !== W || ev.img.height !== H) ev.img = new ImageData(W, H);
    const px = new Uint32Array(ev.img.data.buffer);
    px.fill(BG32);
    now -= RASTER_DELAY_MS;
    trimRaster(now);
    const col = rgb32(ON_RGB), rowH = H / C, dotW = Math.max(1, Math.round(window.devicePixelRatio || 1));
    for (const ch of ev.chunks) {
      for (let j = 0; j < ch.x.length; j++) {
        const c = ch.x[j];
        if (!(c >= 0 && c < C)) continue;
        const age = now - (ch.start + (ch.t[j] || 0) / 1000);
        if (age > RASTER_MS || age < 0) continue;
        const x0 = Math.floor((1 - age / RASTER_MS) * (W - dotW));
        const y1 = H - Math.floor(c * rowH), y0 = Math.min(y1 - 1, H - Math.floor((c + 1) * rowH));
        for (let y = Math.max(0, y0); y < y1; y++) for (let d = 0; d < dotW; d++) px[y * W + x0 + d] = col;
      }
    }
    evCtx.putImageData(ev.img, 0, 0);
  }

  let lastTs = performance.now();
  function animate(ts) {
    requestAnimationFrame(animate);
    const dt = Math.min(250, Math.max(0, ts - lastTs));
    lastTs = ts;
    const resized = fitCanvas(evCanvas);
    if (ev.kind === 'frame') { if (ev.active || resized) { drawFrame(dt); evCanvas.framesDrawn = (evCanvas.framesDrawn || 0) + 1; } }
    else if (ev.kind === 'raster') { drawRaster(ts); evCanvas.framesDrawn = (evCanvas.framesDrawn || 0) + 1; }
    else if (resized || ev.active) {
      evCtx.fillStyle = `rgb(${CANVAS_BG.join(',')})`;
      evCtx.fillRect(0, 0, evCanvas.width, evCanvas.height);
      ev.active = false;
    }
    if (fitCanvas(resCanvas) | fitCanvas(ratesCanvas)) drawReservoir();
    if (ts - ev.countSince > 500 && ev.kind) updateEventsMeta(ts);
  }

  function updateEventsMeta(ts) {
    const rate = ev.count * 1000 / (ts - ev.countSince);
    const geo = ev.kind === 'frame' ? `${ev.w}×${ev.h}` : `${ev.channels} ch`;
    setText($('events-meta'), `${state.selected} · ${ev.modality || '?'} · ${geo} · ${si(rate)} ev/s shown`
      + (ev.dropped ? ` · ${si(ev.dropped)} thinned` : ''));
    ev.count = 0; ev.dropped = 0; ev.countSince = ts;
  }

  /* ---------------------------------------------------------------- reservoir */

  function onReservoir(m) {
    state.res = m;
    drawReservoir();
    const spikes = arr(m.bin).length, rates = arr(m.rates);
    const mean = rates.length ? rates.reduce((a, b) => a + (isNum(b) ? b : 0), 0) / rates.length : null;
    setText($('reservoir-meta'), `${m.sampleId != null ? m.sampleId + ' · ' : ''}${m.bins ?? '?'} bins × ${m.neurons ?? '?'} neurons`
      + ` · ${spikes} spikes · mean rate ${fix(mean, 3)} · ${m.inputEvents ?? '?'} input events`);
  }

  function drawReservoir() {
    const rc = resCanvas, qc = ratesCanvas;
    const ctx = rc.getContext('2d', { willReadFrequently: true }), qx = qc.getContext('2d');
    const bg = `rgb(${CANVAS_BG.join(',')})`;
    ctx.fillStyle = bg; ctx.fillRect(0, 0, rc.width, rc.height);
    qx.fillStyle = bg; qx.fillRect(0, 0, qc.width, qc.height);
    const m = state.res;
    const off = state.info && state.info.reservoir === false;
    $('reservoir-note').hidden = !!m && !off;
    if (!m || off) {
      if (!off) $('reservoir-note').textContent = state.selected ? 'waiting for a window of this source to close…' : 'no source selected';
      return;
    }
    const bin = arr(m.bin), neuron = arr(m.neuron), rates = arr(m.rates);
    const bins = m.bins > 0 ? m.bins : Math.max(1, ...bin.map((b) => b + 1));
    const neurons = m.neurons > 0 ? m.neurons : Math.max(1, rates.length, ...neuron.map((n) => n + 1));
    const cw = rc.width / bins, ch = rc.height / neurons;
    ctx.fillStyle = SPIKE_RGB;
    const sw = Math.max(1, Math.floor(cw) - (cw >= 4 ? 1 : 0)), sh = Math.max(1, Math.floor(ch) - (ch >= 4 ? 1 : 0));
    for (let i = 0; i < bin.length && i < neuron.length; i++) {
      ctx.fillRect(Math.floor(bin[i] * cw), Math.floor(neuron[i] * ch), sw, sh);
    }
    // firing rate per neuron, drawn on the same neuron rows as the raster
    const max = Math.max(1e-9, ...rates.filter(isNum));
    const rh = qc.height / neurons;
    qx.fillStyle = '#4cc2ff';
    rates.forEach((r, n) => { if (isNum(r) && r > 0) qx.fillRect(0, Math.floor(n * rh), Math.max(1, r / max * qc.width), Math.max(1, Math.floor(rh))); });
  }

  /* ---------------------------------------------------------------- associations and accuracy */

  function renderAssociations(list) {
    syncRows($('association-feed').tBodies[0], list.filter(Boolean),
      (a) => `${a.source}\u0000${a.sampleId}\u0000${a.emitMillis}`,
      (a) => {
        const pred = a.predictedClass == null && a.className == null ? '–' : esc(a.className ?? a.predictedClass);
        const badge = a.predictedTrained === false ? '<span class="badge new" title="class registered at run time">new</span>' : '';
        const matches = arr(a.matches).slice(0, 3).map((mt) => `<span class="match">${esc(mt && (mt.className ?? mt.classLabel))}`
          + ` <i>${fix(mt && mt.score, 2)}</i></span>`).join('');
        return `<td class="q" title="${esc(a.source)} / ${esc(a.sampleId)}"><span class="src">${esc(a.source)}/</span>${esc(a.sampleId ?? '–')}</td>`
          + `<td class="num">${a.label == null ? '–' : esc(a.label)}</td><td>${pred}${badge}</td>`
          + `<td>${matches}</td><td class="num" title="in service ${fix(a.serviceMs)} ms">${fix(a.latencyMs)}</td>`;
      },
      (tr, a) => {
        tr.setAttribute('data-source', a.source ?? '');
        tr.setAttribute('data-sample-id', a.sampleId ?? '');
        tr.setAttribute('data-label', a.label ?? '');
        tr.setAttribute('data-predicted', a.predictedClass ?? '');
        tr.setAttribute('data-trained', typeof a.predictedTrained === 'boolean' ? String(a.predictedTrained) : '');
        tr.className = a.correct === true ? 'ok' : a.correct === false ? 'bad' : '';
      },
      '<td colspan="5" class="empty">no associations yet</td>');
    const lat = list.map((a) => a && a.latencyMs).filter(isNum);
    setText($('assoc-meta'), `latest ${list.length}` + (lat.length ? ` · mean ${fix(lat.reduce((x, y) => x + y, 0) / lat.length)} ms` : ''));
  }

  function renderAccuracy(acc) {
    const o = acc.overall || {};
    const pct = (c, t) => (isNum(c) && t > 0 ? (100 * c / t).toFixed(1) + ' %' : '–');
    const overall = isNum(o.total) ? `${o.correct ?? 0}/${o.total} · ${pct(o.correct, o.total)}` : '–';
    setText($('acc-overall'), overall);
    setText($('top-acc'), overall);
    // confusion matrix with the per-class accuracy as its last columns (a class listed only in
    // perClass, e.g. never predicted at all, still gets a row)
    const classes = arr(acc.classes).slice(), conf = arr(acc.confusion);
    const per = new Map(arr(acc.perClass).filter(Boolean).map((r) => [String(r.classLabel), r]));
    per.forEach((r, k) => { if (!classes.some((c) => String(c) === k)) classes.push(r.classLabel); });
    if (!classes.length) { setHtml($('confusion'), '<p class="muted">no labelled queries yet</p>'); return; }
    let html = '<table><tr><th></th>' + classes.map((c) => `<th>${esc(c)}</th>`).join('') + '<th>correct</th><th>%</th></tr>';
    classes.forEach((c, i) => {
      const row = arr(conf[i]);
      const max = Math.max(1, ...row.filter(isNum));
      const name = className(c);
      html += `<tr><th title="${esc(name)}">${esc(c)}</th>` + classes.map((q, j) => {
        const v = isNum(row[j]) ? row[j] : 0;
        const a = v ? (0.15 + 0.85 * v / max).toFixed(2) : 0;
        const hue = i === j ? '63,185,80' : '248,81,73';
        return `<td class="${i === j ? 'diag' : ''}" style="background:rgba(${hue},${a})" title="label ${esc(c)} → predicted ${esc(q)}: ${v}">${v || ''}</td>`;
      }).join('');
      const r = per.get(String(c)) || {};
      html += `<td class="acc">${r.correct ?? 0}/${r.total ?? 0}</td><td class="acc">${pct(r.correct, r.total)}</td></tr>`;
    });
    setHtml($('confusion'), html + '</table>');
  }

  /* ---------------------------------------------------------------- embedding map */

  let mapChart = null, latencyChart = null;

  function initCharts() {
    mapChart = echarts.init($('map-chart'));
    mapChart.setOption({
      animation: false,
      grid: { left: 40, right: 12, top: 10, bottom: 58 },
      tooltip: { trigger: 'item', formatter: mapTooltip, backgroundColor: '#1a2029', borderColor: '#39424e', textStyle: { color: '#c9d1d9', fontSize: 11 } },
      legend: { type: 'scroll', bottom: 0, textStyle: { color: '#c9d1d9', fontSize: 10 }, pageTextStyle: { color: '#7d8794' },
        pageIconColor: '#c9d1d9', pageIconInactiveColor: '#39424e', itemWidth: 10, itemHeight: 10, icon: 'circle' },
      xAxis: Object.assign({ type: 'value', scale: true, name: 'PC1', nameLocation: 'middle', nameGap: 18 }, AXIS),
      yAxis: Object.assign({ type: 'value', scale: true, name: 'PC2', nameLocation: 'middle', nameGap: 26 }, AXIS),
      series: [],
    });
    latencyChart = echarts.init($('latency-chart'));
    latencyChart.setOption({
      animation: false,
      grid: { left: 40, right: 10, top: 26, bottom: 36 },
      tooltip: { trigger: 'axis', backgroundColor: '#1a2029', borderColor: '#39424e', textStyle: { color: '#c9d1d9', fontSize: 11 } },
      legend: { top: 0, textStyle: { color: '#c9d1d9', fontSize: 10 }, itemWidth: 10, itemHeight: 8 },
      xAxis: Object.assign({ type: 'category', data: [], name: 'ms', nameLocation: 'middle', nameGap: 22 }, AXIS),
      yAxis: Object.assign({ type: 'value', minInterval: 1 }, AXIS),
      series: [
        { id: 'e2e', name: 'end-to-end', type: 'bar', data: [], itemStyle: { color: '#4cc2ff' }, barGap: '10%' },
        { id: 'svc', name: 'in service', type: 'bar', data: [], itemStyle: { color: '#ff9f43' } },
      ],
    });
    const ro = new ResizeObserver(() => { mapChart.resize(); latencyChart.resize(); });
    ro.observe($('map-chart'));
    ro.observe($('latency-chart'));
  }

  function mapTooltip(p) {
    const v = p.value || [];
    if (String(p.seriesId).startsWith('a:')) {
      return `anchor · class ${esc(v[5])}${v[3] ? ' ' + esc(v[3]) : ''}<br>${esc(v[2])}${v[4] ? ' · prototype' : ' · exemplar'}`;
    }
    return `${esc(v[3])} / ${esc(v[4])}<br>${esc(v[2])} · predicted ${esc(p.seriesName)} · label ${v[5] == null ? '–' : esc(v[5])}`;
  }

  function renderMap(map) {
    if (!mapChart) return;
    const points = arr(map.points).filter((q) => q && isNum(q.x) && isNum(q.y));
    const anchors = arr(map.anchors).filter((q) => q && isNum(q.x) && isNum(q.y));
    const names = new Map();   // class key -> legend name; points and anchors of a class share it
    const nameOf = (cls, given) => {
      const key = cls == null ? 'none' : String(cls);
      if (!names.has(key)) {
        const n = given || className(cls);
        names.set(key, cls == null ? 'unassigned' : n ? `${cls} ${n}` : String(cls));
      }
      return key;
    };
    anchors.forEach((a) => nameOf(a.classLabel, a.className));
    const groups = new Map();
    const group = (key, kind) => {
      const id = kind + key;
      if (!groups.has(id)) groups.set(id, { key, kind, data: [] });
      return groups.get(id).data;
    };
    for (const q of points) group(nameOf(q.predictedClass), 'p:').push([q.x, q.y, q.modality, q.source, q.sampleId, q.label]);
    const labelled = new Set();   // one label per class, on its first prototype
    for (const a of anchors) {
      const key = nameOf(a.classLabel, a.className);
      const showLabel = a.prototype === true && !labelled.has(key);
      if (showLabel) labelled.add(key);
      group(key, 'a:').push({ value: [a.x, a.y, a.modality, a.className, a.prototype === true, a.classLabel],
        label: { show: showLabel } });
    }
    const color = (key) => (key === 'none' ? NO_CLASS : PALETTE[Math.abs(parseInt(key, 10) || 0) % PALETTE.length]);
    const order = (k) => (k === 'none' ? Infinity : Number(k) || 0);
    const series = [...groups.entries()].sort((a, b) => order(a[1].key) - order(b[1].key)).map(([id, g]) => (g.kind === 'p:'
      ? { id, name: names.get(g.key), type: 'scatter', data: g.data, symbolSize: 6,
        symbol: (v) => SYMBOLS[v[2]] || 'rect', itemStyle: { color: color(g.key), opacity: 0.75 } }
      : { id, name: names.get(g.key), type: 'scatter', data: g.data, z: 5,
        symbol: STAR, symbolSize: (v) => (v[4] ? 22 : 13),
        itemStyle: { color: color(g.key), borderColor: '#ffffff', borderWidth: 1 },
        label: { show: false, position: 'right', color: '#e6edf3', fontSize: 11, fontWeight: 'bold', formatter: () => names.get(g.key) } }));
    const legend = [...new Set(series.map((s) => s.name))];
    mapChart.setOption({ legend: { data: legend }, series }, { replaceMerge: ['series'] });
    const evr = arr(map.explainedVariance);
    setText($('map-meta'), `${points.length} points · ${anchors.length} anchors`
      + (evr.length >= 2 && isNum(evr[0]) && isNum(evr[1]) ? ` · PC1 ${(evr[0] * 100).toFixed(0)} % · PC2 ${(evr[1] * 100).toFixed(0)} %` : ''));
  }

  /* ---------------------------------------------------------------- health */

  function renderHealth(h) {
    const ms = (v) => (isNum(v) ? `${fix(v)}<small> ms</small>` : '–');
    const fig = (v, label) => `<div class="fig"><b>${v}</b><span>${label}</span></div>`;
    const dl = h.deadLetters && typeof h.deadLetters === 'object' ? Object.entries(h.deadLetters) : [];
    const dlTotal = dl.reduce((s, [, n]) => s + (isNum(n) ? n : 0), 0);
    setHtml($('health-figures'),
      fig(si(h.eventsPerSecond), 'events/s') + fig(fix(h.associationsPerSecond), 'associations/s')
      + fig(fix(h.embeddingsPerSecond), 'embeddings/s') + fig(si(dlTotal), 'dead letters')
      + fig(ms(h.latencyP50Ms), 'latency p50') + fig(ms(h.latencyP99Ms), 'latency p99')
      + fig(ms(h.serviceP50Ms), 'in service p50') + fig(ms(h.serviceP99Ms), 'in service p99'));
    setText($('top-eps'), si(h.eventsPerSecond));
    setText($('health-meta'), `p50 ${fix(h.latencyP50Ms)} ms · p99 ${fix(h.latencyP99Ms)} ms`);

    const hist = h.latencyHistogram || {};
    const up = arr(hist.upperMs);
    // counts[i] are latencies <= upperMs[i]; the extra last count is everything above the last bound
    const cats = up.map((u) => '≤' + u);
    const n = Math.max(arr(hist.endToEnd).length, arr(hist.inService).length);
    if (up.length && n > up.length) cats.push('>' + up[up.length - 1]);
    while (cats.length < n) cats.push('?');
    const fill = (a) => cats.map((_, i) => (isNum(a[i]) ? a[i] : 0));
    if (latencyChart) {
      latencyChart.setOption({ xAxis: { data: cats },
        series: [{ id: 'e2e', data: fill(arr(hist.endToEnd)) }, { id: 'svc', data: fill(arr(hist.inService)) }] });
    }
    syncRows($('dead-letters').tBodies[0], dl.sort((a, b) => (b[1] || 0) - (a[1] || 0)), (e) => e[0],
      (e) => `<td title="${esc(e[0])}">${esc(e[0])}</td><td class="num">${isNum(e[1]) ? e[1] : '–'}</td>`,
      () => {}, '<td colspan="2" class="empty">none</td>');
  }

  /* ---------------------------------------------------------------- register a class */

  function renderWindows(windows) {
    const listed = windows.filter((w) => w && w.id != null);
    state.latestWindows = listed;
    if ($('register-hold').checked) return;   // the user froze the list to pick at leisure
    const ids = new Set(listed.map((w) => String(w.id)));
    // ticked windows that scrolled out of the latest 40 stay, marked, until unticked or registered
    const gone = [...state.checked.values()].filter((w) => !ids.has(String(w.id)));
    state.shown = new Map();
    syncRows($('window-list'), listed.concat(gone), (w) => String(w.id),
      (w) => {
        const cls = w.predictedClass == null ? '–' : esc(w.predictedClass) + (className(w.predictedClass) ? ' ' + esc(className(w.predictedClass)) : '');
        return `<span class="wid">${esc(w.id)}</span>`
          + `<span class="wsrc" title="${esc(w.source)} / ${esc(w.sampleId)}">${esc(w.source)} · ${esc(w.sampleId ?? '–')}</span>`
          + `<span class="muted">${isNum(w.events) && w.events > 0 ? w.events + ' ev' : 'emb'}</span>`
          + `<span class="wcls">label ${w.label == null ? '–' : esc(w.label)} → ${cls}</span>`;
      },
      (el, w) => {
        const id = String(w.id), on = state.checked.has(id);
        el.dataset.id = id;
        el._box.dataset.id = id;
        el._box.dataset.label = w.label == null ? '' : String(w.label);
        el._box.dataset.modality = w.modality == null ? '' : String(w.modality);
        el._box.dataset.events = isNum(w.events) ? String(w.events) : '0';
        el._box.checked = on;
        state.shown.set(id, w);
        el.classList.toggle('checked', on);
        el.classList.toggle('gone', !ids.has(id));
        el.title = ids.has(id) ? '' : 'no longer among the latest windows; the view may have dropped it';
      },
      '<div class="empty">no windows yet</div>', () => {
        // the checkbox is made once per window and never re-rendered, so ticking it is never lost
        const el = document.createElement('label');
        el._box = el.appendChild(document.createElement('input'));
        el._box.type = 'checkbox';
        el._box.className = 'window-pick';
        el._cells = el.appendChild(document.createElement('span'));
        el._cells.className = 'wtext';
        return el;
      });
    updateRegisterCount();
  }

  function updateRegisterCount() {
    const n = state.checked.size;
    setText($('register-count'), n ? `${n} window${n === 1 ? '' : 's'} ticked` : 'tick windows above');
  }

  function onPick(e) {
    const box = e.target;
    if (!box.classList || !box.classList.contains('window-pick')) return;
    const id = box.dataset.id;
    if (box.checked) {
      const w = (state.shown && state.shown.get(id)) || state.checked.get(id) || { id };
      state.checked.set(id, w);
    } else state.checked.delete(id);
    box.parentElement.classList.toggle('checked', box.checked);
    updateRegisterCount();
  }

  function showResult(text, ok) {
    const out = $('register-result');
    out.textContent = text;
    out.title = text;
    out.className = ok ? 'ok' : 'err';
  }

  async function onRegister(e) {
    e.preventDefault();
    if ($('register-fields').disabled) return;
    const raw = $('register-class').value.trim();
    if (!/^\d+$/.test(raw) || Number(raw) > 1023) return showResult('class must be an integer from 0 to 1023', false);
    const ids = [...state.checked.keys()];
    if (!ids.length) return showResult('tick at least one window', false);
    if (ids.length > 32) return showResult(`at most 32 windows, ${ids.length} ticked`, false);
    const name = $('register-name').value.trim();
    if (name.length > 64) return showResult('the name may have at most 64 characters', false);
    const body = { classLabel: Number(raw), windows: ids };
    if (name) body.className = name;
    const btn = $('register-submit');
    btn.disabled = true;
    showResult('publishing…', true);
    try {
      const r = await fetch('/api/anchors', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const data = parse(await r.text()) || {};
      if (r.ok && Array.isArray(data.published)) {
        const n = data.published.length;
        showResult(`published ${n} anchor${n === 1 ? '' : 's'} for class ${raw}${name ? ' (' + name + ')' : ''}: `
          + data.published.map((p) => `${p && p.anchorId} [${p && p.exemplar}]`).join(', '), true);
        state.checked.clear();
        for (const b of document.querySelectorAll('.window-pick')) { b.checked = false; b.parentElement.classList.remove('checked', 'gone'); }
        renderWindows(arr(state.latestWindows));
      } else {
        showResult(`${r.status}: ${data.error || r.statusText || 'unexpected answer'}`, false);
      }
    } catch (err) {
      showResult('request failed: ' + err.message, false);
    } finally {
      btn.disabled = false;
    }
  }

  /* ---------------------------------------------------------------- start */

  function start() {
    $('sources').tBodies[0].addEventListener('click', (e) => {
      const tr = e.target.closest('tr[data-source]');
      if (tr) select(tr.dataset.source);
    });
    $('window-list').addEventListener('change', onPick);
    $('register-form').addEventListener('submit', onRegister);
    $('register-hold').addEventListener('change', () => renderWindows(arr(state.latestWindows)));
    if (window.echarts) initCharts();
    resetEvents();
    drawReservoir();
    loadInfo();
    connectOverview();
    requestAnimationFrame(animate);
  }

  start();
})();
