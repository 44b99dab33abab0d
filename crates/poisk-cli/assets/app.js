// The search page of `poisk serve`. Plain DOM, no framework and no build
// step. Every text of the index goes into the page through textContent or
// text nodes, never as HTML, so an article that holds <script> shows it as
// text, and only an http(s) address becomes a link. The page's state (query,
// tab, filters, page, open article) lives in the URL, so a search can be
// shared and the browser's Back works.
'use strict';

(() => {
  const PAGE = 10;
  const DEBOUNCE_MS = 250;
  const SLOW_MS = 300;
  /// The library ranks at most the first 10,000 results.
  const MAX_RESULTS = 10000;
  const SPEAKERS_SHOWN = 12;
  const SOURCES_SHOWN = 12;

  const $ = (id) => document.getElementById(id);
  const ui = {
    form: $('search-form'), q: $('q'), error: $('query-error'),
    searchView: $('search-view'), articleView: $('article-view'),
    tabArticles: $('tab-articles'), tabQuotes: $('tab-quotes'),
    countArticles: $('count-articles'), countQuotes: $('count-quotes'),
    sort: $('sort'), since: $('since'), until: $('until'), clearDates: $('clear-dates'),
    speaker: $('speaker'), speakerList: $('speaker-list'), clearSpeaker: $('clear-speaker'),
    speakerCounts: $('speaker-counts'), filtersBox: $('filters-box'),
    sourceCounts: $('source-counts'), clearSource: $('clear-source'),
    timeline: $('timeline'), timelineCaption: $('timeline-caption'),
    timelineBars: $('timeline-bars'), timelineAxis: $('timeline-axis'),
    status: $('status'), results: $('results'), welcome: $('welcome'),
    pager: $('pager'), prev: $('prev'), next: $('next'), pageInfo: $('page-info'),
    back: $('back'), articleTitle: $('article-title'), articleMeta: $('article-meta'),
    articleBody: $('article-body'), articleQuotesBox: $('article-quotes-box'),
    articleQuotes: $('article-quotes'), stats: $('stats'),
  };

  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const numberFormat = new Intl.NumberFormat('ru-RU');
  const dateFormat = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

  // ---- state in the URL ----------------------------------------------

  function readState() {
    const p = new URLSearchParams(location.search);
    const page = parseInt(p.get('page') || '1', 10);
    return {
      q: p.get('q') || '',
      quotes: p.get('quotes') === '1' || Boolean(p.get('speaker')),
      speaker: p.get('speaker') || '',
      source: p.get('source') || '',
      since: isoDate(p.get('since')),
      until: isoDate(p.get('until')),
      sort: p.get('sort') === 'date' ? 'date' : 'relevance',
      page: Number.isFinite(page) && page > 0 ? Math.min(page, MAX_RESULTS / PAGE) : 1,
      article: p.get('article') || '',
    };
  }

  function isoDate(text) {
    return /^\d{4}-\d{2}-\d{2}$/.test(text || '') ? text : '';
  }

  function urlOf(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    if (s.quotes) p.set('quotes', '1');
    if (s.speaker) p.set('speaker', s.speaker);
    if (s.source) p.set('source', s.source);
    if (s.since) p.set('since', s.since);
    if (s.until) p.set('until', s.until);
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    if (s.page > 1) p.set('page', String(s.page));
    if (s.article) p.set('article', s.article);
    const query = p.toString();
    return query ? `/?${query}` : '/';
  }

  let state = readState();

  /// Changes the state, records it in the URL (a new history entry, or the
  /// same one while typing) and shows it.
  function navigate(changes, { replace = false } = {}) {
    state = { ...state, ...changes };
    const url = urlOf(state);
    if (url !== location.pathname + location.search) {
      if (replace) history.replaceState(null, '', url);
      else history.pushState(null, '', url);
    }
    render();
  }

  window.addEventListener('popstate', () => {
    state = readState();
    ui.q.value = state.q;
    render();
  });

  // ---- talking to the API --------------------------------------------

  class ApiError extends Error {
    constructor(status, body) {
      super(body && body.error ? body.error : `HTTP ${status}`);
      this.status = status;
      this.position = body && Number.isInteger(body.position) ? body.position : null;
    }
  }

  async function api(path, params, signal) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== '' && value !== null && value !== undefined && value !== false) query.set(key, String(value));
    }
    const url = query.toString() ? `${path}?${query}` : path;
    const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
    let body = null;
    try {
      body = await response.json();
    } catch (_) {
      body = null;
    }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  // ---- small helpers -------------------------------------------------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function plural(n, one, few, many) {
    const tens = n % 100;
    const units = n % 10;
    if (tens >= 11 && tens <= 14) return many;
    if (units === 1) return one;
    if (units >= 2 && units <= 4) return few;
    return many;
  }

  function count(n, one, few, many) {
    return `${numberFormat.format(n)} ${plural(n, one, few, many)}`;
  }

  function humanDate(iso) {
    if (!iso) return '';
    const date = new Date(`${iso}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
  }

  /// Appends `text` to `parent`, the byte ranges `ranges` (UTF-8 offsets,
  /// as the API gives them) in <mark>. Text goes in as text nodes.
  function appendMarked(parent, text, ranges) {
    const bytes = encoder.encode(text);
    let at = 0;
    const sorted = (ranges || []).slice().sort((a, b) => a[0] - b[0]);
    for (const [start, end] of sorted) {
      if (start < at || end > bytes.length || start >= end) continue;
      if (start > at) parent.append(decoder.decode(bytes.subarray(at, start)));
      parent.append(el('mark', '', decoder.decode(bytes.subarray(start, end))));
      at = end;
    }
    if (at < bytes.length) parent.append(decoder.decode(bytes.subarray(at)));
  }

  /// A link to where the article was published, or null when `url` is not
  /// an http(s) address (a `javascript:` one must never become a link).
  function externalLink(url) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch (_) {
      return null;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    const a = el('a', 'url', url);
    a.href = parsed.href;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    return a;
  }

  function articleHref(id) {
    return urlOf({ ...state, article: id });
  }

  /// A link inside the page: a plain click navigates without reloading,
  /// a click with a modifier opens a tab as links do.
  function pageLink(href, text, changes, className) {
    const a = el('a', className, text);
    a.href = href;
    a.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(changes);
    });
    return a;
  }

  // ---- the search ----------------------------------------------------

  let searchController = null;
  let searchSeq = 0;

  function kindParams(quotes) {
    const params = { q: state.q, source: state.source, since: state.since, until: state.until };
    if (quotes) {
      params.quotes = 'true';
      params.speaker = state.speaker;
    }
    return params;
  }

  /// A query, or a filter to browse by: without either there is nothing
  /// to list.
  function somethingToSearch() {
    return Boolean(state.q.trim() || state.source || state.speaker || state.since || state.until);
  }

  async function runSearch() {
    const seq = ++searchSeq;
    if (searchController) searchController.abort();
    searchController = new AbortController();
    const { signal } = searchController;
    showQueryError(null);
    if (!somethingToSearch()) {
      ui.results.replaceChildren();
      ui.status.textContent = '';
      ui.pager.hidden = true;
      ui.timeline.hidden = true;
      ui.welcome.hidden = false;
      ui.countArticles.textContent = '';
      ui.countQuotes.textContent = '';
      renderSources(null);
      return;
    }
    ui.welcome.hidden = true;
    const slow = setTimeout(() => {
      if (seq === searchSeq) ui.status.textContent = 'Ищем…';
    }, SLOW_MS);
    const params = {
      ...kindParams(state.quotes),
      limit: PAGE,
      offset: (state.page - 1) * PAGE,
      snippets: 2,
      sort: state.sort === 'date' ? 'date' : '',
    };
    // The sources' counts are of the matches without the source filter, so
    // that another source can be picked: the search's own facet when no
    // source is chosen, else a search of its own.
    const sourceFacet = { facets: 'source', facet_values: SOURCES_SHOWN };
    const sources = state.source
      ? api('/search', { ...kindParams(state.quotes), source: '', limit: 0, snippets: 0, ...sourceFacet }, signal)
      : null;
    try {
      const [results, other, timeline, unfiltered] = await Promise.all([
        api('/search', state.source ? params : { ...params, ...sourceFacet }, signal),
        api('/search', { ...kindParams(!state.quotes), limit: 0, snippets: 0 }, signal).catch(() => null),
        loadTimeline(signal).catch(() => null),
        sources ? sources.catch(() => null) : null,
      ]);
      if (seq !== searchSeq) return;
      renderResults(results);
      renderSources(state.source ? unfiltered : results);
      const otherTotal = other ? other.total : null;
      setCounts(state.quotes ? otherTotal : results.total, state.quotes ? results.total : otherTotal);
      renderTimeline(timeline);
    } catch (error) {
      if (error.name === 'AbortError' || seq !== searchSeq) return;
      ui.results.replaceChildren();
      ui.pager.hidden = true;
      ui.timeline.hidden = true;
      renderSources(null);
      if (error instanceof ApiError && error.position !== null) {
        ui.status.textContent = '';
        showQueryError(error);
      } else {
        ui.status.textContent = `Не удалось выполнить поиск: ${error.message}`;
      }
    } finally {
      clearTimeout(slow);
    }
  }

  function setCounts(articles, quotes) {
    ui.countArticles.textContent = articles === null ? '' : numberFormat.format(articles);
    ui.countQuotes.textContent = quotes === null ? '' : numberFormat.format(quotes);
  }

  /// The query with the character at the error's position marked.
  function showQueryError(error) {
    if (!error) {
      ui.error.hidden = true;
      ui.error.replaceChildren();
      ui.q.removeAttribute('aria-invalid');
      return;
    }
    const chars = Array.from(state.q);
    const at = Math.min(error.position, chars.length);
    const shown = el('code', 'query-echo');
    shown.append(chars.slice(0, at).join(''));
    shown.append(el('mark', 'fault', chars[at] === undefined ? ' ' : chars[at]));
    shown.append(chars.slice(at + 1).join(''));
    ui.error.replaceChildren(el('strong', '', 'Ошибка в запросе: '), error.message, el('br'), shown);
    ui.error.hidden = false;
    ui.q.setAttribute('aria-invalid', 'true');
  }

  function renderResults(results) {
    const notes = [];
    const what = state.quotes ? ['цитата', 'цитаты', 'цитат'] : ['статья', 'статьи', 'статей'];
    const atLeast = results.partial ? 'не меньше ' : '';
    if (results.total === 0) {
      const query = results.corrected || results.query;
      notes.push(query.trim() ? `Ничего не найдено по запросу «${query}».` : 'Ничего не найдено.');
    } else {
      notes.push(`Найдено ${atLeast}${count(results.total, ...what)} · ${Math.max(1, Math.round(results.took_ms))} мс`);
    }
    if (results.corrected) {
      notes.push(`Запрос набран в латинской раскладке: показано найденное по «${results.corrected}».`);
    }
    if (results.relaxed) notes.push('Ни в одном документе нет всех слов сразу: показаны те, где есть любое из них.');
    if (results.partial) notes.push('Поиск остановился по времени: показано найденное до этого.');
    for (const warning of results.warnings || []) notes.push(`Внимание: ${warning}`);
    ui.status.textContent = notes.join(' ');

    const items = results.hits.map((hit) => (hit.kind === 'quote' ? quoteHit(hit) : articleHit(hit)));
    ui.results.replaceChildren(...items);

    const pages = Math.min(Math.ceil(results.total / PAGE), MAX_RESULTS / PAGE);
    ui.pager.hidden = pages <= 1;
    ui.prev.disabled = state.page <= 1;
    ui.next.disabled = state.page >= pages;
    ui.pageInfo.textContent = `Страница ${state.page} из ${numberFormat.format(pages)}`;
  }

  /// The line under a title: date, source, the article's id and where it
  /// was published (or the file it was read from).
  function meta(date, source, id, url, path) {
    const line = el('p', 'meta');
    const parts = [];
    if (date) {
      const time = el('time', '', humanDate(date));
      time.dateTime = date;
      parts.push(time);
    }
    if (source) parts.push(el('span', 'source', source));
    if (id) parts.push(el('span', 'id', id));
    const link = url ? externalLink(url) : null;
    if (link) parts.push(link);
    else if (url) parts.push(el('span', 'url', url));
    else if (path) parts.push(el('span', 'path', path));
    parts.forEach((part, i) => line.append(...(i ? [' · ', part] : [part])));
    return line;
  }

  /// Under a hit, the articles of nearly the same text it stands for.
  function duplicatesLine(ids) {
    const line = el('p', 'duplicates');
    line.append(`Та же статья (${count(ids.length, 'копия', 'копии', 'копий')}): `);
    ids.forEach((id, i) => {
      if (i) line.append(', ');
      line.append(pageLink(articleHref(id), id, { article: id }, 'duplicate-link'));
    });
    return line;
  }

  function articleHit(hit) {
    const item = el('li', 'hit');
    const title = el('h3', 'hit-title');
    title.append(pageLink(articleHref(hit.article_id), hit.title || '(без заголовка)', { article: hit.article_id }, 'hit-link'));
    item.append(title, meta(hit.date, hit.source, hit.article_id, hit.url, hit.path));
    for (const snippet of hit.snippets) {
      const p = el('p', 'snippet');
      if (snippet.cut_before) p.append('…');
      appendMarked(p, snippet.text, snippet.highlights);
      if (snippet.cut_after) p.append('…');
      item.append(p);
    }
    if (hit.quotes && hit.quotes.length) {
      const list = el('ol', 'quotes');
      for (const quote of hit.quotes) list.append(quoteCard(quote));
      item.append(list);
    }
    if (hit.duplicates && hit.duplicates.length) item.append(duplicatesLine(hit.duplicates));
    return item;
  }

  function quoteHit(hit) {
    const item = el('li', 'hit quote-hit');
    const card = quoteCard(hit, 'div');
    const from = el('p', 'from');
    from.append(pageLink(articleHref(hit.article_id), hit.title || '(без заголовка)', { article: hit.article_id }, 'hit-link'));
    card.append(from, meta(hit.date, hit.source, hit.article_id, hit.url, hit.path));
    item.append(card);
    return item;
  }

  /// A quotation as a card: its words, then who said it (a button that
  /// narrows the search to that speaker).
  function quoteCard(quote, tag = 'li') {
    const card = el(tag, 'quote-card');
    const words = el('blockquote');
    const text = el('p');
    text.append('«');
    appendMarked(text, quote.text, quote.highlights);
    text.append(quote.unclosed ? '…' : '»');
    words.append(text);
    card.append(words);
    card.append(speakerLine(quote));
    return card;
  }

  function speakerLine(quote) {
    const who = el('p', 'who');
    if (quote.speaker) {
      who.append('— ');
      const button = el('button', 'speaker-link', quote.speaker);
      button.type = 'button';
      button.title = `Все цитаты: ${quote.speaker}`;
      button.addEventListener('click', () => setSpeaker(quote.speaker));
      who.append(button);
      if (quote.attribution && quote.attribution.mention && quote.attribution.mention !== quote.speaker) {
        who.append(el('span', 'mention', ` (${quote.attribution.mention})`));
      }
    } else {
      who.append(el('span', 'unknown', 'кто сказал — не установлено'));
    }
    return who;
  }

  /// The sources of the matches with their counts (the search's `source`
  /// facet), each a button that narrows the search to it.
  function renderSources(results) {
    const facet = results && (results.facets || []).find((f) => f.facet === 'source');
    const values = facet ? facet.values.slice() : [];
    // The chosen source stays listed, even when it matches nothing.
    if (state.source && !values.some((v) => v.value === state.source)) values.push({ value: state.source, count: 0 });
    ui.sourceCounts.replaceChildren(
      ...values.map((v) => {
        const item = el('li');
        const button = el('button', 'source-filter');
        button.type = 'button';
        button.append(el('span', 'name', v.value), el('span', 'count', numberFormat.format(v.count)));
        button.setAttribute('aria-label', `${v.value}: ${numberFormat.format(v.count)}`);
        button.setAttribute('aria-pressed', String(v.value === state.source));
        button.addEventListener('click', () => navigate({ source: v.value === state.source ? '' : v.value, page: 1 }));
        item.append(button);
        return item;
      }),
    );
  }

  function setSpeaker(name) {
    navigate({ speaker: name, quotes: true, page: 1, article: '' });
  }

  // ---- the timeline --------------------------------------------------

  const INTERVAL_NAMES = { day: 'дням', week: 'неделям', month: 'месяцам', year: 'годам' };

  /// Counts by month, then by a finer or coarser interval when months give
  /// too few or too many bars.
  async function loadTimeline(signal) {
    const params = kindParams(state.quotes);
    let timeline = await api('/timeline', { ...params, by: 'month' }, signal);
    const bars = timeline.buckets.length;
    let by = null;
    if (bars > 48) by = 'year';
    else if (bars > 0 && bars <= 2) by = 'day';
    else if (bars > 2 && bars <= 6) by = 'week';
    if (by) timeline = await api('/timeline', { ...params, by }, signal);
    return timeline;
  }

  function renderTimeline(timeline) {
    if (!timeline || timeline.buckets.length === 0) {
      ui.timeline.hidden = true;
      return;
    }
    const buckets = timeline.buckets;
    const max = Math.max(...buckets.map((b) => b.count), 1);
    const noun = timeline.kind === 'quote' ? ['цитата', 'цитаты', 'цитат'] : ['статья', 'статьи', 'статей'];
    let caption = `По ${INTERVAL_NAMES[timeline.by] || timeline.by}: ${buckets[0].period} — ${buckets[buckets.length - 1].period}`;
    if (timeline.undated) caption += ` (${count(timeline.undated, 'документ', 'документа', 'документов')} без даты не показаны)`;
    caption += '. Нажмите на столбец, чтобы сузить даты.';
    ui.timelineCaption.textContent = caption;

    const bars = buckets.map((bucket) => {
      const bar = el('button', 'bar');
      bar.type = 'button';
      const label = `${bucket.period}: ${count(bucket.count, ...noun)}`;
      bar.title = label;
      bar.setAttribute('aria-label', label);
      bar.dataset.start = bucket.start;
      bar.dataset.end = bucket.end;
      const fill = el('span', 'fill');
      fill.style.height = `${bucket.count === 0 ? 0 : Math.max(3, (100 * bucket.count) / max)}%`;
      bar.append(fill);
      if (bucket.count === 0) bar.classList.add('empty');
      bar.addEventListener('click', () => navigate({ since: bucket.start, until: bucket.end, page: 1 }));
      return bar;
    });
    ui.timelineBars.replaceChildren(...bars);

    // As many labels under the bars as fit (about 80 px each), evenly spaced.
    ui.timeline.hidden = false;
    const room = Math.max(2, Math.floor((ui.timelineBars.clientWidth || 320) / 80));
    const step = Math.max(1, Math.ceil(buckets.length / room));
    const labels = buckets.map((bucket, i) => {
      const show = i % step === 0 || i === buckets.length - 1;
      return el('span', 'tick', show && (i === buckets.length - 1 || buckets.length - 1 - i >= step) ? bucket.period : '');
    });
    ui.timelineAxis.replaceChildren(...labels);
    ui.timeline.hidden = false;
  }

  // ---- the article view ----------------------------------------------

  let articleController = null;

  async function showArticle(id) {
    if (articleController) articleController.abort();
    articleController = new AbortController();
    ui.articleTitle.textContent = 'Загрузка…';
    ui.articleMeta.replaceChildren();
    ui.articleBody.replaceChildren();
    ui.articleQuotesBox.hidden = true;
    ui.back.href = urlOf({ ...state, article: '' });
    try {
      // With the search's query, the API marks its words (`highlights`).
      const article = await api(`/articles/${encodeURIComponent(id)}`, { q: state.q.trim() }, articleController.signal);
      document.title = `${article.title} — поиск`;
      ui.articleTitle.textContent = article.title || '(без заголовка)';
      const line = meta(article.date, article.source, article.id, article.url, article.path);
      if (article.url && article.path) line.append(' · ', el('span', 'path', article.path));
      ui.articleMeta.replaceChildren(...Array.from(line.childNodes));
      renderBody(ui.articleBody, article.body, article.quotes, article.highlights || []);
      ui.articleQuotes.replaceChildren(
        ...article.quotes.map((quote, i) => {
          const card = quoteCard(quote);
          const jump = el('a', 'jump', 'к месту в тексте');
          jump.href = `#quote-${i + 1}`;
          card.append(jump);
          return card;
        }),
      );
      ui.articleQuotesBox.hidden = article.quotes.length === 0;
      window.scrollTo(0, 0);
      ui.articleView.focus({ preventScroll: true });
    } catch (error) {
      if (error.name === 'AbortError') return;
      ui.articleTitle.textContent = error.status === 404 ? 'Статья не найдена' : `Не удалось открыть статью: ${error.message}`;
    }
  }

  /// The body as paragraphs (its non-blank lines), each quotation's span
  /// set off and the query's words marked, from the byte offsets the API
  /// gives.
  function renderBody(container, body, quotes, highlights) {
    const bytes = encoder.encode(body);
    const marks = highlights
      .filter(([start, end]) => start < end && end <= bytes.length)
      .sort((a, b) => a[0] - b[0]);
    /// Appends bytes[start..end] to `parent`, the marks within it in <mark>.
    const appendRange = (parent, start, end) => {
      let at = start;
      for (const [from, to] of marks) {
        const s = Math.max(from, at);
        const e = Math.min(to, end);
        if (s >= e) continue;
        if (s > at) parent.append(decoder.decode(bytes.subarray(at, s)));
        parent.append(el('mark', '', decoder.decode(bytes.subarray(s, e))));
        at = e;
      }
      if (at < end) parent.append(decoder.decode(bytes.subarray(at, end)));
    };
    const spans = quotes
      .map((quote, i) => ({ start: quote.start, end: quote.end, n: i + 1, speaker: quote.speaker }))
      .filter((s) => s.start < s.end && s.end <= bytes.length)
      .sort((a, b) => a.start - b.start);
    const anchored = new Set();
    const paragraphs = [];
    let lineStart = 0;
    while (lineStart <= bytes.length) {
      let lineEnd = bytes.indexOf(10, lineStart);
      if (lineEnd < 0) lineEnd = bytes.length;
      const text = decoder.decode(bytes.subarray(lineStart, lineEnd));
      if (text.trim()) {
        const p = el('p');
        let at = lineStart;
        for (const span of spans) {
          const start = Math.max(span.start, at);
          const end = Math.min(span.end, lineEnd);
          if (start >= end) continue;
          if (start > at) appendRange(p, at, start);
          const part = el('span', 'quote-span');
          appendRange(part, start, end);
          if (span.speaker) part.title = span.speaker;
          if (!anchored.has(span.n)) {
            part.id = `quote-${span.n}`;
            anchored.add(span.n);
          }
          p.append(part);
          at = end;
        }
        if (at < lineEnd) appendRange(p, at, lineEnd);
        paragraphs.push(p);
      }
      lineStart = lineEnd + 1;
    }
    container.replaceChildren(...paragraphs);
  }

  // ---- speakers and stats --------------------------------------------

  async function loadSpeakers() {
    try {
      const { speakers } = await api('/speakers', { limit: 500 });
      ui.speakerList.replaceChildren(
        ...speakers.map((s) => {
          const option = el('option');
          option.value = s.speaker;
          option.label = `${s.speaker} — ${count(s.quotes, 'цитата', 'цитаты', 'цитат')}`;
          return option;
        }),
      );
      ui.speakerCounts.replaceChildren(
        ...speakers.slice(0, SPEAKERS_SHOWN).map((s) => {
          const item = el('li');
          const button = el('button', 'speaker-filter');
          button.type = 'button';
          button.append(el('span', 'name', s.speaker), el('span', 'count', numberFormat.format(s.quotes)));
          button.setAttribute('aria-label', `${s.speaker}: ${count(s.quotes, 'цитата', 'цитаты', 'цитат')}`);
          button.addEventListener('click', () => setSpeaker(s.speaker));
          item.append(button);
          return item;
        }),
      );
    } catch (_) {
      // The filter still takes a typed name.
    }
  }

  async function loadStats() {
    try {
      const health = await api('/health');
      ui.stats.textContent = `В индексе ${count(health.articles, 'статья', 'статьи', 'статей')} и ${count(
        health.quotes, 'цитата', 'цитаты', 'цитат')}`;
    } catch (_) {
      ui.stats.textContent = 'Сервер недоступен';
    }
  }

  // ---- showing the state ---------------------------------------------

  /// Puts the state into the controls, except the query box while the
  /// user types in it (what is typed after the last search must stay).
  function syncControls() {
    if (document.activeElement !== ui.q) ui.q.value = state.q;
    ui.tabArticles.setAttribute('aria-pressed', String(!state.quotes));
    ui.tabQuotes.setAttribute('aria-pressed', String(state.quotes));
    ui.sort.value = state.sort;
    ui.since.value = state.since;
    ui.until.value = state.until;
    ui.clearDates.hidden = !(state.since || state.until);
    if (document.activeElement !== ui.speaker) ui.speaker.value = state.speaker;
    ui.clearSpeaker.hidden = !state.speaker;
    ui.clearSource.hidden = !state.source;
    for (const button of ui.speakerCounts.querySelectorAll('button')) {
      const name = button.querySelector('.name');
      button.setAttribute('aria-pressed', String(Boolean(name && name.textContent === state.speaker)));
    }
  }

  function render() {
    syncControls();
    if (state.article) {
      ui.searchView.hidden = true;
      ui.articleView.hidden = false;
      showArticle(state.article);
    } else {
      ui.articleView.hidden = true;
      ui.searchView.hidden = false;
      const title = state.q || state.source;
      document.title = title ? `${title} — поиск` : 'поиск — новости и цитаты';
      runSearch();
    }
  }

  // ---- controls ------------------------------------------------------

  let typing = null;
  ui.q.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => navigate({ q: ui.q.value, page: 1, article: '' }, { replace: true }), DEBOUNCE_MS);
  });
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    navigate({ q: ui.q.value, page: 1, article: '' });
  });
  ui.tabArticles.addEventListener('click', () => navigate({ quotes: false, speaker: '', page: 1 }));
  ui.tabQuotes.addEventListener('click', () => navigate({ quotes: true, page: 1 }));
  ui.sort.addEventListener('change', () => navigate({ sort: ui.sort.value, page: 1 }));
  for (const input of [ui.since, ui.until]) {
    input.addEventListener('change', () => navigate({ since: isoDate(ui.since.value), until: isoDate(ui.until.value), page: 1 }));
  }
  ui.clearDates.addEventListener('click', () => navigate({ since: '', until: '', page: 1 }));
  ui.speaker.addEventListener('change', () => {
    const name = ui.speaker.value.trim();
    navigate({ speaker: name, quotes: name ? true : state.quotes, page: 1 });
  });
  ui.clearSpeaker.addEventListener('click', () => navigate({ speaker: '', page: 1 }));
  ui.clearSource.addEventListener('click', () => navigate({ source: '', page: 1 }));
  ui.prev.addEventListener('click', () => {
    navigate({ page: Math.max(1, state.page - 1) });
    ui.results.focus();
  });
  ui.next.addEventListener('click', () => {
    navigate({ page: state.page + 1 });
    ui.results.focus();
  });
  ui.back.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate({ article: '' });
  });
  $('home').addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate({ q: '', quotes: false, speaker: '', source: '', since: '', until: '', sort: 'relevance', page: 1, article: '' });
    ui.q.focus();
  });

  // Keyboard: / to the query box, arrows through the results, Escape back.
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    const inField = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
    if (event.key === '/' && !inField && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      ui.q.focus();
      ui.q.select();
      return;
    }
    if (event.key === 'Escape' && state.article) {
      event.preventDefault();
      navigate({ article: '' });
      ui.q.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = Array.from(ui.results.querySelectorAll('a.hit-link'));
    if (links.length === 0 || state.article) return;
    if (target === ui.q && event.key === 'ArrowDown') {
      event.preventDefault();
      links[0].focus();
      return;
    }
    const at = links.indexOf(target);
    if (at < 0) return;
    event.preventDefault();
    if (event.key === 'ArrowDown') links[Math.min(at + 1, links.length - 1)].focus();
    else if (at === 0) ui.q.focus();
    else links[at - 1].focus();
  });

  // Filters fold away on a phone.
  if (window.matchMedia('(max-width: 760px)').matches) ui.filtersBox.open = false;

  ui.q.value = state.q;
  loadStats();
  loadSpeakers().then(syncControls);
  render();
})();
