// A tiny printer shared by the examples: shows a kubectl command and what it prints.
import type { Cluster } from 'kubesim'

export type Print = (line?: string) => void

export function kubectl(cluster: Cluster, print: Print, command: string): void {
  print(`$ kubectl ${command}`)
  print(cluster.kubectl(command).trimEnd())
  print()
}

export function heading(print: Print, cluster: Cluster, text: string): void {
  const seconds = Math.round(cluster.elapsed() / 1000)
  print(`── t=${seconds}s ── ${text} ${'─'.repeat(Math.max(0, 78 - text.length - String(seconds).length))}`)
}

/** True when this module is the script node/tsx was asked to run. */
export function isMain(url: string): boolean {
  return process.argv[1] !== undefined && url.endsWith(process.argv[1].replace(/^.*\/examples\//, '/examples/'))
}
