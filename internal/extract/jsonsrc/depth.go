package jsonsrc

// MaxDepth is the deepest nesting of arrays and objects read. Real templates stay far
// below it (the corpus peaks at 22 levels; each Bicep module adds about 5); deeper
// input is refused because every lazy gjson lookup rescans what lies below it, so
// extraction work grows with depth times size (a 10 MB file nested 9,000 deep took
// over 20 s to extract before this limit).
const MaxDepth = 128
