// Package report writes cchc's documents: the Phụ lục phân công and other
// XLSX, DOCX and PDF files the Office hands out or files away. Each writer
// takes domain values in and writes to an io.Writer out. It imports the
// domain, never storage or HTTP.
package report
