// Suggestions while the person types their consultation (an enhancement: without JavaScript the
// 「次へ」 step shows the same suggestions). Asks GET /api/v1/departments/suggest a moment after
// typing stops and shows the departments most likely in charge, with the words that decided it.
;(() => {
  const box = document.querySelector('[data-suggest-url]')
  const text = document.getElementById('f-text')
  if (!box || !text) return
  const url = box.getAttribute('data-suggest-url')
  const list = box.querySelector('ol')
  let timer = 0
  let last = ''
  let seq = 0
  const show = (items) => {
    list.textContent = ''
    for (const d of items) {
      const li = document.createElement('li')
      const strong = document.createElement('strong')
      strong.textContent = d.name
      li.append(strong)
      if (d.reasons && d.reasons.length) li.append(`（手がかり：${d.reasons.join('、')}）`)
      list.append(li)
    }
    box.hidden = items.length === 0
  }
  const ask = async () => {
    const q = text.value.trim()
    if (q === last) return
    last = q
    if (q.length < 6) return show([])
    const mine = ++seq
    try {
      const r = await fetch(`${url}?limit=3&q=${encodeURIComponent(q.slice(0, 1000))}`, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      })
      if (!r.ok || mine !== seq) return
      const j = await r.json()
      show(j.items || [])
    } catch {
      // the 「次へ」 step still shows the suggestions
    }
  }
  text.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(ask, 700)
  })
})()
