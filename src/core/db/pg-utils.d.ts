// node-postgres's own value preparation (how it turns a JS value into the text of a parameter).
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): string | Buffer | null }
  export default utils
}
