// The balancer bar chart as SVG: one bar per territory, the group's mean as a line, the ±band around it shaded,
// bars outside the band drawn in the warning colour.
import { fmt } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Mean, standard deviation and coefficient of variation of a list of numbers. */
export function spread(values) {
  if (!values.length) return { mean: 0, sd: 0, cv: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
  return { mean, sd, cv: mean === 0 ? 0 : sd / mean };
}

/**
 * bars: [{key, label, value}]; band: e.g. 0.25. Returns {svg, stats, outOfBand: [keys]}.
 */
export function barChart(bars, band, metricLabel) {
  const width = 640, height = 300, left = 70, right = 10, top = 20, bottom = 70;
  const values = bars.map(b => b.value);
  const stats = spread(values);
  const low = stats.mean * (1 - band), high = stats.mean * (1 + band);
  const max = Math.max(high, ...values, 1);
  const plotW = width - left - right, plotH = height - top - bottom;
  const y = v => top + plotH - (v / max) * plotH;
  const slot = plotW / Math.max(bars.length, 1);
  const barW = Math.max(4, Math.min(48, slot * 0.7));
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', id: 'balancer-chart',
    'aria-label': `${metricLabel} per territory: mean ${fmt.d(stats.mean)}, band ${fmt.d(low)} to ${fmt.d(high)}` });
  svg.append(s('rect', { x: left, y: y(high), width: plotW, height: Math.max(0, y(low) - y(high)), class: 'band' }));
  for (let i = 0; i <= 4; i++) {
    const v = (max / 4) * i;
    svg.append(s('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(s('text', { x: left - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, fmt.n(v)));
  }
  const outOfBand = [];
  bars.forEach((b, i) => {
    const out = bars.length > 1 && (b.value < low || b.value > high);
    if (out) outOfBand.push(b.key);
    const x = left + slot * i + (slot - barW) / 2;
    const rect = s('rect', { x, y: y(b.value), width: barW, height: Math.max(0, y(0) - y(b.value)),
      class: out ? 'bar out' : 'bar', 'data-key': b.key, 'data-value': String(b.value), 'data-out-of-band': String(out) });
    rect.append(s('title', {}, `${b.label}: ${fmt.d(b.value)}${out ? ' (out of band)' : ''}`));
    svg.append(rect);
    svg.append(s('text', { x: x + barW / 2, y: height - bottom + 14, class: 'label', 'text-anchor': 'end',
      transform: `rotate(-35 ${x + barW / 2} ${height - bottom + 14})` }, b.key.length > 14 ? b.key.slice(0, 13) + '…' : b.key));
  });
  svg.append(s('line', { x1: left, x2: width - right, y1: y(stats.mean), y2: y(stats.mean), class: 'mean' }));
  svg.append(s('text', { x: width - right, y: y(stats.mean) - 4, class: 'mean-label', 'text-anchor': 'end' },
    `mean ${fmt.d(stats.mean)}`));
  return { svg, stats, low, high, outOfBand };
}
