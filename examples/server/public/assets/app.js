// The demo's dashboard page: plain ES modules, no build step. It talks only to the server's JSON
// API with the token it was opened with (`/#token=…`), in the language the browser asks for.
import { pickLocale, translator } from './i18n.js';

const params = new URLSearchParams(location.search);
const locale = pickLocale([params.get('lang'), ...navigator.languages].filter(Boolean));
const t = translator(locale);
document.documentElement.lang = locale;

const $ = (selector) => document.querySelector(selector);
const state = {
  token: undefined,
  session: undefined,
  platformId: undefined,
  period: params.get('period') ?? '30d',
  chart: undefined,
  series: undefined,
};

class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code;
  }
}

async function api(path, { method = 'GET', body, platformHeader = false } = {}) {
  const headers = { authorization: `Bearer ${state.token}`, 'accept-language': locale };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (platformHeader) headers['x-orion-platform'] = String(state.platformId);
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const payload = response.headers.get('content-type')?.includes('json') ? await response.json() : undefined;
  if (!response.ok) throw new ApiError(response.status, payload);
  return payload;
}

function translateStatic() {
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  document.title = `Orion · ${t(state.session?.kind === 'platform' ? 'title.admin' : 'title.store', names())}`;
}

function names() {
  const platform = state.session?.platforms.find((p) => p.id === state.platformId);
  return { store: state.session?.storeName ?? '', platform: platform?.name ?? '' };
}

function showError(error) {
  const box = $('#error');
  box.hidden = false;
  box.textContent = error.code ? `${error.message} (${error.code})` : t('error.generic', { message: error.message });
}

// ------------------------------------------------------------------ formatting

const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });

/** Byte counts in the largest unit that keeps them at least 1: `1,2 MB`, `850 kB`. */
function formatBytes(bytes) {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
  let index = 0;
  let value = bytes;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[index],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

function formatValue(metric) {
  if (typeof metric.value !== 'number') return String(metric.value);
  if (metric.unit === 'bytes') return formatBytes(metric.value);
  if (metric.unit && /^[A-Z]{3}$/.test(metric.unit)) {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: metric.unit }).format(metric.value);
  }
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(metric.value);
  if (!metric.unit) return number;
  return metric.unit === '%' ? `${number} %` : `${number} ${metric.unit}`;
}

function trendElement(metric) {
  if (!metric.trend) return undefined;
  const element = document.createElement('span');
  element.className = `trend trend-${metric.trend}`;
  element.dataset.testid = 'trend';
  element.title = t('trend.title', { period: state.period });
  const arrow = { up: '▲', down: '▼', stable: '▶' }[metric.trend];
  const change =
    metric.trendValue === null || metric.trendValue === undefined
      ? t('trend.new')
      : `${metric.trendValue > 0 ? '+' : ''}${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(metric.trendValue)} %`;
  element.textContent = `${arrow} ${change}`;
  return element;
}

// ------------------------------------------------------------------ rendering

/** The categories in the order of the modules' tiers and use; a category not listed comes after them, in the API's order. */
const categoryOrder = ['tenancy', 'orders', 'customers', 'catalog', 'inventory', 'marketplace', 'cms'];
const categoryRank = (category) =>
  categoryOrder.includes(category) ? categoryOrder.indexOf(category) : categoryOrder.length;

/** A category's heading: the page's own word for it, or its code where the page has none. */
function categoryLabel(category) {
  const key = `category.${category}`;
  const label = t(key);
  return label === key ? category.charAt(0).toUpperCase() + category.slice(1) : label;
}

function renderCategories(stats) {
  const root = $('#categories');
  root.replaceChildren();
  const ordered = Object.entries(stats.categories).sort(([a], [b]) => categoryRank(a) - categoryRank(b));
  for (const [category, metrics] of ordered) {
    if (metrics.length === 0) continue;
    const section = document.createElement('section');
    section.className = 'category';
    section.dataset.category = category;
    const heading = document.createElement('h2');
    heading.textContent = categoryLabel(category);
    const cards = document.createElement('div');
    cards.className = 'cards';
    for (const metric of metrics) {
      const card = document.createElement('article');
      card.className = 'card';
      card.dataset.metric = metric.key;
      if (metric.description) card.title = metric.description;
      const label = document.createElement('div');
      label.className = 'label';
      label.textContent = metric.label;
      const value = document.createElement('div');
      value.className = 'value';
      value.dataset.testid = 'value';
      value.textContent = formatValue(metric);
      card.append(label, value);
      const trend = trendElement(metric);
      if (trend) card.append(trend);
      cards.append(card);
    }
    section.append(heading, cards);
    root.append(section);
  }
  const failures = $('#failures');
  failures.hidden = stats.failures.length === 0;
  failures.textContent = t('failures', { categories: stats.failures.map((failure) => failure.category).join(', ') });
  $('#window').textContent = t('window', {
    from: dateFormat.format(new Date(stats.window.dateFrom)),
    to: dateFormat.format(new Date(stats.window.dateTo)),
  });
}

function renderMenu(items) {
  $('#menu').replaceChildren(
    ...items.map((item) => {
      const entry = document.createElement('li');
      entry.dataset.module = item.module;
      entry.textContent = item.label;
      return entry;
    }),
  );
}

function renderChart(series) {
  const panel = $('#chart-panel');
  state.series = series;
  if (!series || typeof Chart === 'undefined') {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  const select = $('#chart-currency');
  // The reader's earlier choice, else the currency that earned most in the window.
  const earned = (currency) => series.days.reduce((sum, day) => sum + (day.revenue[currency] ?? 0), 0);
  const largest = [...series.currencies].sort((a, b) => earned(b) - earned(a))[0];
  const chosen = series.currencies.includes(select.value) ? select.value : largest;
  select.replaceChildren(
    ...series.currencies.map((currency) => new Option(currency, currency, false, currency === chosen)),
  );
  select.hidden = series.currencies.length === 0;
  const labels = series.days.map((day) => day.date);
  const datasets = [
    {
      type: 'bar',
      label: t('chart.orders'),
      data: series.days.map((day) => day.orders),
      yAxisID: 'orders',
      backgroundColor: '#9db7f5',
    },
  ];
  if (chosen) {
    datasets.push({
      type: 'line',
      label: t('chart.revenue', { currency: chosen }),
      data: series.days.map((day) => day.revenue[chosen] ?? 0),
      yAxisID: 'revenue',
      borderColor: '#1f7a4d',
      backgroundColor: '#1f7a4d',
      pointRadius: 0,
      cubicInterpolationMode: 'monotone',
    });
  }
  state.chart?.destroy();
  state.chart = new Chart($('#chart'), {
    data: { labels, datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        orders: { position: 'left', beginAtZero: true, ticks: { precision: 0 } },
        revenue: {
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          ticks: {
            callback: (value) =>
              chosen
                ? new Intl.NumberFormat(locale, { style: 'currency', currency: chosen, notation: 'compact' }).format(
                    value,
                  )
                : value,
          },
        },
        x: { ticks: { maxTicksLimit: 12 } },
      },
    },
  });
  $('#chart').dataset.points = String(labels.length);
}

function renderModules(modules) {
  const body = $('#modules');
  body.replaceChildren(
    ...modules.map((module) => {
      const row = document.createElement('tr');
      row.dataset.module = module.code;
      const name = document.createElement('td');
      name.innerHTML = `<strong></strong><br><small class="muted"></small>`;
      name.querySelector('strong').textContent = module.code;
      name.querySelector('small').textContent = module.packageName
        ? `${module.packageName} ${module.version ?? ''}`
        : '';
      const tier = document.createElement('td');
      tier.textContent = t(`tier.${module.tier}`);
      const requires = document.createElement('td');
      requires.textContent = module.requires.join(', ') || '—';
      const enabled = document.createElement('td');
      if (module.tier === 'core') {
        enabled.textContent = t('modules.alwaysOn');
      } else {
        const toggle = document.createElement('input');
        toggle.type = 'checkbox';
        toggle.className = 'switch';
        toggle.role = 'switch';
        toggle.checked = module.enabled;
        toggle.dataset.testid = `toggle-${module.code}`;
        toggle.setAttribute('aria-label', module.code);
        toggle.addEventListener('change', () =>
          changeModule(module.code, toggle.checked ? 'enable' : 'disable', toggle),
        );
        enabled.append(toggle);
      }
      row.append(name, tier, requires, enabled);
      return row;
    }),
  );
}

// ------------------------------------------------------------------ actions

async function changeModule(code, action, toggle) {
  const path = `/api/v1/platforms/${state.platformId}/modules/${encodeURIComponent(code)}/${action}`;
  try {
    const preview = await api(path, { method: 'POST', body: { dryRun: true } });
    const dialog = $('#cascade');
    $('#cascade-title').textContent = t(`cascade.${action}Title`, { module: code });
    $('#cascade-text').textContent = t(`cascade.${action}Text`, names());
    $('#cascade-list').replaceChildren(
      ...preview.changed.map((changed) => {
        const item = document.createElement('li');
        item.textContent = changed;
        item.dataset.module = changed;
        return item;
      }),
    );
    $('#cascade-apply').textContent = t(`cascade.${action}`);
    dialog.returnValue = '';
    dialog.showModal();
    const answer = await new Promise((resolve) =>
      dialog.addEventListener('close', () => resolve(dialog.returnValue), { once: true }),
    );
    if (answer !== 'apply') {
      toggle.checked = action === 'disable';
      return;
    }
    await api(path, { method: 'POST', body: { dryRun: false } });
    await refresh();
  } catch (error) {
    toggle.checked = action === 'disable';
    showError(error);
  }
}

async function refresh() {
  $('#error').hidden = true;
  const { session } = state;
  const admin = session.kind === 'platform';
  const query = new URLSearchParams({ period: state.period, includeTrends: 'true', locale });
  const dashboardPath = admin
    ? `/api/v1/platforms/${state.platformId}/dashboard?${query}`
    : `/api/v1/platforms/${state.platformId}/stores/${session.storeId}/dashboard?${query}`;
  const seriesPath = `/api/v1/${admin ? 'admin' : 'store'}/orders/stats/daily?period=${encodeURIComponent(state.period)}`;
  const [stats, menu, series, modules] = await Promise.all([
    api(dashboardPath),
    api(`/api/v1/platforms/${state.platformId}/menu?frontend=${admin ? 'admin' : 'store'}&locale=${locale}`).catch(
      () => [],
    ),
    // 404 where the orders module is not installed or not enabled on this platform: no chart then.
    api(seriesPath, { platformHeader: !admin }).catch((error) =>
      error.status === 404 ? undefined : Promise.reject(error),
    ),
    admin ? api(`/api/v1/platforms/${state.platformId}/modules`) : undefined,
  ]);
  $('#title').textContent = t(admin ? 'title.admin' : 'title.store', names());
  $('#scope').textContent = t(admin ? 'scope.admin' : 'scope.store', names());
  renderMenu(Array.isArray(menu) ? menu : (menu.items ?? []));
  renderCategories(stats);
  renderChart(series);
  $('#modules-panel').hidden = !admin;
  if (modules) renderModules(modules.modules);
  document.body.dataset.ready = `${state.platformId}:${state.period}:${Date.now()}`;
}

async function start() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('orion-token', fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  state.token = sessionStorage.getItem('orion-token') ?? undefined;
  translateStatic();
  if (!state.token) {
    $('#sign-in').hidden = false;
    return;
  }
  try {
    state.session = await api('/api/v1/session');
  } catch (error) {
    sessionStorage.removeItem('orion-token');
    $('#sign-in').hidden = false;
    if (error.status !== 401) showError(error);
    return;
  }
  state.platformId = state.session.platformId ?? state.session.platforms[0]?.id;
  const platformSelect = $('#platform');
  platformSelect.replaceChildren(
    ...state.session.platforms.map((p) => new Option(p.name, String(p.id), false, p.id === state.platformId)),
  );
  $('[data-testid="platform-control"]').hidden = state.session.platforms.length < 2;
  $('#period').value = state.period;
  $('#sign-out').hidden = false;
  $('#app').hidden = false;
  translateStatic();
  try {
    await refresh();
  } catch (error) {
    showError(error);
  }
}

$('#period').addEventListener('change', (event) => {
  state.period = event.target.value;
  refresh().catch(showError);
});
$('#platform').addEventListener('change', (event) => {
  state.platformId = Number(event.target.value);
  refresh().catch(showError);
});
$('#chart-currency').addEventListener('change', () => renderChart(state.series));
$('#sign-out').addEventListener('click', () => {
  sessionStorage.removeItem('orion-token');
  location.reload();
});
$('#sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem('orion-token', $('#token-input').value.trim());
  location.reload();
});

start();
