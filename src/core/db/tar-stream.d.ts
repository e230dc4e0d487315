// The part of tar-stream 2.x (MIT, mafintosh) that backup.ts uses; the package ships no types.
declare module 'tar-stream' {
  import type { Readable, Writable } from 'node:stream'

  export interface Headers {
    name: string
    size?: number
    mode?: number
    mtime?: Date
    type?: 'file' | 'directory' | 'link' | 'symlink' | string
  }
  export interface Pack extends Readable {
    entry(headers: Headers, callback?: (err?: Error | null) => void): Writable
    entry(headers: Headers, buffer: string | Buffer, callback?: (err?: Error | null) => void): Writable
    finalize(): void
  }
  export interface Extract extends Writable {
    on(
      event: 'entry',
      listener: (
        headers: Headers & { size: number },
        stream: Readable,
        next: (err?: unknown) => void,
      ) => void,
    ): this
    on(event: string, listener: (...args: any[]) => void): this
  }
  export function pack(): Pack
  export function extract(): Extract
}
