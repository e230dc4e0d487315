// Progress of an import job (an enhancement: without JavaScript the page refreshes itself).
// Polls the job's JSON status and updates the bar and the counts; when the job has finished,
// loads the page again, which then shows the report.
;(() => {
  const box = document.querySelector('[data-import-job]')
  if (!box) return
  const url = box.getAttribute('data-import-job')
  const doneUrl = box.getAttribute('data-done-url')
  const bar = box.querySelector('progress')
  const phase = box.querySelector('[data-phase]')
  const counts = box.querySelector('[data-counts]')
  const PHASES = { read: 'ファイルを読み込んでいます', check: '行を確かめています', write: '書き込んでいます' }
  const n = (x) => Number(x).toLocaleString('ja-JP')
  let lastText = ''
  let lastSpoken = 0
  let wait = 1000
  const tick = async () => {
    try {
      const r = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      if (!r.ok) throw new Error(String(r.status))
      const j = await r.json()
      if (j.state !== 'running') {
        location.assign(doneUrl)
        return
      }
      if (j.total > 0) {
        bar.max = j.total
        bar.value = j.done
      }
      phase.textContent = PHASES[j.phase] || ''
      const text =
        (j.phase === 'write'
          ? `${n(j.done)}／${n(j.total)}件を書き込みました。`
          : j.total > 0
            ? `${n(j.done)}／${n(j.total)}行を確かめました。`
            : 'ファイルを読み込んでいます。') + `問題のある行：${n(j.errors)}件（ここまで）`
      // the counts are a live region: change them at most every 5 seconds so a screen reader is not flooded
      if (text !== lastText && Date.now() - lastSpoken > 5000) {
        counts.textContent = text
        lastText = text
        lastSpoken = Date.now()
      }
      wait = 1000
    } catch {
      wait = Math.min(wait * 2, 10000)
    }
    setTimeout(tick, wait)
  }
  setTimeout(tick, 500)
})()
