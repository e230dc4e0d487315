// Conventions: colours come from the design tokens only. Fails on a raw hex or rgb() colour
// in our CSS or TSX outside the token file (SVG favicons are exempt).
import fs from 'node:fs'
import path from 'node:path'

const roots = ['public', 'src']
const bad = []
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name)
    if (e.isDirectory()) walk(p)
    else if (/\.(css|tsx)$/.test(e.name)) {
      fs.readFileSync(p, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (
            /#[0-9a-fA-F]{3,8}\b(?![-\w])/.test(
              line.replace(/href="#[^"]*"|href=\{`#[^`]*`\}|&#\d+;/g, ''),
            ) &&
            /(color|fill|stroke|background|border|:\s*#)/i.test(line)
          )
            bad.push(`${p}:${i + 1}: ${line.trim()}`)
          if (/\brgba?\(/.test(line)) bad.push(`${p}:${i + 1}: ${line.trim()}`)
        })
    }
  }
}
for (const r of roots) if (fs.existsSync(r)) walk(r)
if (bad.length) {
  console.error('Raw colours outside the design tokens (use var(--color-…)):')
  for (const b of bad) console.error(`  ${b}`)
  process.exit(1)
}
console.log('colour check: only design-token colours in public/ and src/')
