import assert from 'node:assert/strict'
import { test } from 'node:test'
import { barChartSvg, CHART_WIDTH, labelLines } from './stats.tsx'

const long = '人権の擁護又は平和の推進を図る活動'
const svg = barChartSvg({
  key: 'field',
  title: '活動分野別の団体数',
  unit: '団体',
  rows: [
    { label: long, value: 23 },
    { label: '観光', value: 16 },
    { label: '吉祥寺東町', value: 49 },
  ],
})

test('charts: horizontal bars drawn at a phone column width, long labels wrapped (every character kept)', () => {
  assert.match(svg, new RegExp(`<svg width="${CHART_WIDTH}"[^>]*viewBox="0 0 ${CHART_WIDTH} `))
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)</g)].map((m) => m[1])
  const lines = texts.filter((x) => long.startsWith(x) || long.endsWith(x) || long.includes(x))
  assert.ok(lines.length >= 2, `wrapped into lines: ${lines.join(' / ')}`)
  assert.equal(lines.filter((x) => long.includes(x) && x.length > 1).join(''), long, 'nothing cut off')
  assert.ok(texts.includes('吉祥寺東町'), 'a short label stays whole')
  assert.equal(labelLines('観光'), 1)
  assert.ok(labelLines(long) >= 2)
})

test('charts: fonts as presentation attributes (a style attribute is refused by the CSP), colours as tokens', () => {
  assert.doesNotMatch(svg, / style="/)
  assert.match(svg, /<text[^>]*font-size="13px"/)
  assert.doesNotMatch(svg, / fill="(?!none)[^"]*"/)
})
