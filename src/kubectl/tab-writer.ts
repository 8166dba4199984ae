// A port of Go's text/tabwriter (the elastic-tabstop algorithm kubectl prints through), and kubectl's
// `get` table layout on top of it.
// Guarantees byte-identical layout for the cases kubectl uses: cells end at '\t', a line is a list of
// cells, a column block is a run of consecutive lines that have a cell in that column, the text after
// the last tab is never padded, and a one-cell line ends every block (Go flushes there).
// Not ported: AlignRight, DiscardEmptyColumns, FilterHTML, Debug and '\v'/'\f' handling.

export interface TabWriterOptions {
  minwidth: number
  tabwidth: number
  padding: number
}

/** cli-runtime printers.GetNewTabWriter: minwidth 6, tabwidth 4, padding 3, padchar ' '. */
export const getTableOptions: TabWriterOptions = { minwidth: 6, tabwidth: 4, padding: 3 }
/** kubectl describe's tabbedString: minwidth 0, tabwidth 8, padding 2, padchar ' '. */
export const describeOptions: TabWriterOptions = { minwidth: 0, tabwidth: 8, padding: 2 }

/** Display width as Go counts it: runes (utf8.RuneCount), not UTF-16 code units. */
export function textWidth(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

/** Formats tab-separated text the way a Go tabwriter with padchar ' ' and no flags does. */
export function formatTabbed(text: string, options: TabWriterOptions): string {
  const out: string[] = []
  let lines: string[][] = []
  const flush = (): void => {
    if (lines.length > 0) writeBlock(lines, options, out)
    lines = []
  }
  const rawLines = text.split('\n')
  const endsWithNewline = rawLines[rawLines.length - 1] === ''
  if (endsWithNewline) rawLines.pop()
  rawLines.forEach((raw, i) => {
    const cells = raw.split('\t')
    lines.push(cells)
    const terminated = i < rawLines.length - 1 || endsWithNewline
    // Go flushes after a terminated line of a single cell: it cannot influence later columns.
    if (terminated && cells.length === 1) flush()
  })
  if (lines.length > 0) {
    writeBlock(lines, options, out)
  }
  let result = out.join('')
  if (!endsWithNewline && result.endsWith('\n')) result = result.slice(0, -1)
  return result
}

function writeBlock(lines: string[][], options: TabWriterOptions, out: string[]): void {
  const widths: number[] = []
  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i]
      line.forEach((cell, j) => {
        out.push(cell)
        if (j < widths.length && j < line.length - 1) out.push(' '.repeat(Math.max(0, widths[j] - textWidth(cell))))
      })
      out.push('\n')
    }
  }
  const format = (line0: number, line1: number): void => {
    const column = widths.length
    let start = line0
    for (let current = line0; current < line1; current++) {
      if (column >= lines[current].length - 1) continue
      // A cell exists in this column: print the lines before the block, then measure the block.
      writeLines(start, current)
      start = current
      let width = options.minwidth
      for (; current < line1; current++) {
        const line = lines[current]
        if (column >= line.length - 1) break
        width = Math.max(width, textWidth(line[column]) + options.padding)
      }
      widths.push(width)
      format(start, current)
      widths.pop()
      start = current
      current-- // the loop's increment revisits the line that ended the block
    }
    writeLines(start, line1)
  }
  format(0, lines.length)
}

/**
 * kubectl's `get` table: upper-cased headers, each column `max(6, widest cell + 3)` wide, the last
 * column unpadded. Cells are single-line, as cli-runtime cuts them at the first line break and adds "...".
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [headers.map((h) => h.toUpperCase()), ...rows.map((row) => row.map(toTableCell))]
  return formatTabbed(lines.map((cells) => cells.join('\t')).join('\n') + '\n', getTableOptions)
}

/** cli-runtime printRows: truncate at the first \f, \n or \r and mark the cut with "...". */
export function toTableCell(value: string): string {
  const cut = value.search(/[\f\n\r]/)
  const single = cut >= 0 ? `${value.slice(0, cut)}...` : value
  return single.replace(/\t/g, ' ')
}
