/** Printing a console page: no navigation or forms, black on white, no link colours, rows kept whole. */
export const PRINT_CSS = `
  .clash { background: #fdecea; }
  .clash-mark { color: #a4161a; font-weight: 700; }
  @media print {
    header, .skip, .no-print, form { display: none !important; }
    body, main, .card, table, th, td, .muted { background: #fff !important; color: #000 !important; }
    main { max-width: none; padding: 0; }
    .card { border: none; padding: 0; margin: 0 0 4mm; }
    a { color: #000; text-decoration: none; }
    th, td { border-bottom: 1px solid #000; }
    tr, li { break-inside: avoid; }
    h2 { break-after: avoid; }
    .clash { background: #fff !important; }
    .clash-mark { color: #000 !important; text-decoration: underline; }
    @page { size: A4; margin: 15mm; }
  }
`;
